package fr.relais.hub.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * One role's connection (the writer's, the readers'…) that replaces itself once the database
 * lost it: after PostgreSQL restarted, or an SQLite file that was read-only or failing. Its users
 * keep one {@link Connection} and the statements they prepared on it, and serialise on it as
 * before; after an outage the next call opens a new connection, with the same settings (the data
 * source's: SQLite's WAL, synchronous FULL, busy timeout) and the commit mode last asked for.
 *
 * <p>Only a failure of the connection itself replaces it (see {@link WriteFault#connectionLost}),
 * or, in manual-commit mode, any failure that is the storage's ({@link WriteFault#STORAGE}).
 * The transaction it carried is gone with it: in manual-commit mode every call then fails until
 * the user rolls back (which only drops the lost connection), so the rest of a transaction never
 * runs on a new connection without its beginning; in auto-commit mode the next call reopens. A statement prepared before is prepared again on the
 * new connection at its next use: a user sets a statement's parameters and runs it within one
 * transaction, so the parameters of a replaced statement are never needed again.
 *
 * <p>A proxy rather than a pool: the store classes keep prepared statements across batches (the
 * writer prepares its inserts once), which a connection borrowed per operation would throw away.
 */
final class ReopeningConnection implements InvocationHandler {
    private final DataSource source;
    private final String description;
    private Connection current;
    private boolean autoCommit;
    private boolean lost;
    private boolean closed;
    /** Incremented at each new connection: statements of an older one are prepared again. */
    private long generation;
    /** A statement ran since the last commit or rollback (manual-commit mode): not a time to switch. */
    private boolean inTransaction;
    private long lastUsedNanos = System.nanoTime();

    private static final long VALIDATE_AFTER_IDLE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private ReopeningConnection(DataSource source, String description, boolean autoCommit) {
        this.source = source;
        this.description = description;
        this.autoCommit = autoCommit;
    }

    /** A connection of one role, opened now (so that a hub whose database is unreachable does not start). */
    static Connection open(DataSource source, String description, boolean autoCommit) throws SQLException {
        ReopeningConnection handler = new ReopeningConnection(source, description, autoCommit);
        synchronized (handler) {
            handler.connection();
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    @Override
    public synchronized Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "close" -> {
                closed = true;
                drop();
                return null;
            }
            case "isClosed" -> {
                return closed;
            }
            case "getAutoCommit" -> {
                return autoCommit;
            }
            case "rollback" -> {
                if (args == null && (lost || current == null)) {
                    inTransaction = false;
                    drop(); // the transaction went with the connection
                    return null;
                }
                if (args == null) {
                    return ending(method);
                }
            }
            case "commit" -> {
                return ending(method);
            }
            case "setAutoCommit" -> {
                if (lost) {
                    drop(); // its transaction, if any, went with it
                }
                autoCommit = (Boolean) args[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "equals" -> {
                return proxy == args[0];
            }
            case "toString" -> {
                return "connection to " + description;
            }
            default -> {
            }
        }
        Object result = call(connection(), method, args);
        if (method.getName().equals("setAutoCommit")) {
            inTransaction = false; // switching modes commits
        }
        if (result instanceof Statement statement) {
            return statement(statement, method, args);
        }
        return result;
    }

    /**
     * Commits or rolls back on the connection that ran the transaction: never validated nor
     * replaced first, which would end, on a new connection, a transaction the old one held.
     */
    private Object ending(Method method) throws Throwable {
        if (lost || current == null) {
            throw new SQLException("the connection to " + description + " was lost with its transaction;"
                    + " roll back first", "08003");
        }
        lastUsedNanos = System.nanoTime();
        try {
            Object result = call(current, method, null);
            inTransaction = false;
            return result;
        } catch (SQLException e) {
            if (!method.getName().equals("rollback")) {
                throw e;
            }
            // A rollback only abandons the transaction: closing the connection does that too.
            inTransaction = false;
            drop();
            return null;
        }
    }

    /** The live connection, opened again if the last one was lost. */
    private Connection connection() throws SQLException {
        if (closed) {
            throw new SQLException("the hub's connection to " + description + " is closed", "08003");
        }
        if (lost) {
            if (!autoCommit) {
                // Opening a new one here would run the rest of a transaction without its start.
                throw new SQLException("the connection to " + description + " was lost with its transaction;"
                        + " roll back first", "08003");
            }
            drop();
        }
        if (current != null && !inTransaction && System.nanoTime() - lastUsedNanos > VALIDATE_AFTER_IDLE_NANOS
                && !current.isValid(VALIDATION_TIMEOUT_SECONDS)) {
            // Unused for a while and between transactions: a server restarted meanwhile is found
            // here, instead of failing the next request (what a pool checks on borrowing).
            drop();
        }
        lastUsedNanos = System.nanoTime();
        if (current == null) {
            try {
                Connection opened = source.getConnection();
                opened.setAutoCommit(autoCommit);
                current = opened;
                generation++;
            } catch (SQLException e) {
                // 08001: whatever the driver said, the connection could not be made.
                throw new SQLException("cannot connect to " + description + ": " + e.getMessage(),
                        e.getSQLState() != null && e.getSQLState().startsWith("08") ? e.getSQLState() : "08001",
                        e.getErrorCode(), e);
            }
        }
        return current;
    }

    private void drop() {
        lost = false;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException ignored) {
                // It is being thrown away because it failed; its close may fail too.
            }
            current = null;
        }
    }

    /** Calls the real connection or statement; an error that lost the connection marks it for replacing. */
    private Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw failed(sql);
            }
            throw cause;
        }
    }

    /** An error of the real connection or statement: marks the connection for replacing if it lost it. */
    SQLException failed(SQLException sql) {
        if (WriteFault.connectionLost(sql) || isClosed(current)
                || (!autoCommit && WriteFault.of(sql) == WriteFault.STORAGE)) {
            // In manual-commit mode, after a storage failure the transaction's state is not to
            // be trusted: SQLite rolls back by itself on a full disk or an I/O error, and its
            // driver, unaware, would then run the next statements outside any transaction.
            lost = true;
        }
        return sql;
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection != null && connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private Object statement(Statement statement, Method prepare, Object[] args) {
        Class<?> type = statement instanceof CallableStatement ? CallableStatement.class
                : statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {type},
                new ReopeningStatement(statement, prepare, args, generation));
    }

    /** A statement for {@link DirectStatement}: the same bookkeeping, called without reflection. */
    synchronized DirectStatement direct(String sql) throws SQLException {
        PreparedStatement statement;
        try {
            statement = connection().prepareStatement(sql);
        } catch (SQLException e) {
            throw failed(e);
        }
        return new DirectStatement(this, new ReopeningStatement(statement, PREPARE, new Object[] {sql}, generation));
    }

    /** A COPY for {@link TableCopy}: run on the live connection, with a statement's bookkeeping. */
    synchronized long copyIn(String sql, byte[] rows) throws SQLException {
        Connection connection = connection(); // validated if idle, refused if lost in a transaction
        if (!autoCommit) {
            inTransaction = true;
        }
        try {
            return TableCopy.copy(connection, sql, rows);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static final Method PREPARE;

    static {
        try {
            PREPARE = Connection.class.getMethod("prepareStatement", String.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What a call does to a statement's parameters (see {@link ReopeningStatement#ready}). */
    static final int SETS = 1;
    static final int EXECUTES = 2;
    static final int CLEARS = 3;
    static final int OTHER = 4;

    /**
     * A statement that follows its connection: prepared again on the new one after an outage.
     * Its callers hold the connection's lock ({@link #invoke} and {@link DirectStatement}).
     */
    final class ReopeningStatement implements InvocationHandler {
        private final Method prepare;
        private final Object[] prepareArgs;
        private Statement statement;
        private long preparedIn;
        private boolean closed;
        /** Parameters set (or batched) and not yet executed: they would not survive a new connection. */
        private boolean pending;

        ReopeningStatement(Statement statement, Method prepare, Object[] prepareArgs, long generation) {
            this.statement = statement;
            this.prepare = prepare;
            this.prepareArgs = prepareArgs;
            this.preparedIn = generation;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            synchronized (ReopeningConnection.this) {
                switch (method.getName()) {
                    case "close" -> {
                        close();
                        return null;
                    }
                    case "isClosed" -> {
                        return closed;
                    }
                    case "hashCode" -> {
                        return System.identityHashCode(proxy);
                    }
                    case "equals" -> {
                        return proxy == args[0];
                    }
                    case "getConnection" -> {
                        return null; // nobody here asks; the raw connection must not leak
                    }
                    default -> {
                    }
                }
                String name = method.getName();
                int kind = name.startsWith("execute") ? EXECUTES
                        : name.equals("clearParameters") || name.equals("clearBatch") ? CLEARS
                        : name.startsWith("set") || name.equals("addBatch") ? SETS : OTHER;
                return call(ready(kind), method, args);
            }
        }

        /** The statement to call now, prepared again first if its connection was replaced. */
        Statement ready(int kind) throws SQLException {
            if (closed) {
                throw new SQLException("statement closed", "HY010");
            }
            if (lost || preparedIn != generation || !inTransaction) {
                Connection connection = connection(); // validated if idle, reopened if lost
                if (preparedIn != generation) {
                    if (pending) {
                        pending = false;
                        // Its parameters were set on the old connection's statement: run
                        // without them, it would fail as if the message were wrong.
                        throw new SQLException("the connection to " + description + " was replaced while"
                                + " a statement's parameters were being set", "08003");
                    }
                    statement = prepareAgain(connection);
                    preparedIn = generation;
                }
            }
            if (kind == EXECUTES && !autoCommit) {
                inTransaction = true;
            }
            if (kind == EXECUTES || kind == CLEARS) {
                pending = false;
            } else if (kind == SETS) {
                pending = true;
            }
            if (kind != SETS) {
                // A clock read per parameter was a twentieth of the writer's time; the parameters
                // are set just before their statement runs, which records the time.
                lastUsedNanos = System.nanoTime();
            }
            return statement;
        }

        private Statement prepareAgain(Connection connection) throws SQLException {
            try {
                return (Statement) call(connection, prepare, prepareArgs);
            } catch (SQLException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new SQLException("cannot prepare a statement again on " + description, e); // not thrown by JDBC
            }
        }

        void close() throws SQLException {
            closed = true;
            if (preparedIn == generation && !lost) {
                try {
                    statement.close();
                } catch (SQLException e) {
                    throw failed(e);
                }
                return;
            }
            statement = null; // it died with its connection
        }
    }
}
