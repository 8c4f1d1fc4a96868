package fr.relais.hub.db;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A prepared statement for the writer's hottest statements (an insert per message, the batched
 * updates of a batch's end), called without reflection. On a {@link Database}'s connection, every
 * statement is a {@link java.lang.reflect.Proxy} so that it can follow its connection through an
 * outage ({@link ReopeningConnection}); a proxy call (an argument array, a lookup by method name,
 * a reflective call with its access check) was a tenth of the writer's time. This one does the same
 * bookkeeping as that proxy, in plain calls: prepared again on a new connection, refused if its
 * parameters were set on a lost one, the connection marked lost by the same errors.
 *
 * <p>Only the calls the hot paths make. On a connection that is not a {@link Database}'s (tests),
 * it calls the driver's statement directly.
 */
public final class DirectStatement implements AutoCloseable {
    private final ReopeningConnection owner;
    private final ReopeningConnection.ReopeningStatement reopening;
    private final PreparedStatement plain;

    DirectStatement(ReopeningConnection owner, ReopeningConnection.ReopeningStatement reopening) {
        this.owner = owner;
        this.reopening = reopening;
        this.plain = null;
    }

    private DirectStatement(PreparedStatement plain) {
        this.owner = null;
        this.reopening = null;
        this.plain = plain;
    }

    /** Prepares {@code sql} on {@code connection}, a {@link Database}'s or any other. */
    public static DirectStatement prepare(Connection connection, String sql) throws SQLException {
        if (Proxy.isProxyClass(connection.getClass())
                && Proxy.getInvocationHandler(connection) instanceof ReopeningConnection reopening) {
            return reopening.direct(sql);
        }
        return new DirectStatement(connection.prepareStatement(sql));
    }

    /**
     * The statement to call, once the owner's bookkeeping for a call of this kind is done (under its
     * lock). Its own refusals (closed, lost until rolled back) are not the driver's errors: like the
     * proxy, they do not go through {@link ReopeningConnection#failed}.
     */
    private PreparedStatement ready(int kind) throws SQLException {
        return (PreparedStatement) reopening.ready(kind);
    }

    public void setString(int index, String value) throws SQLException {
        if (plain != null) {
            plain.setString(index, value);
            return;
        }
        synchronized (owner) {
            PreparedStatement statement = ready(ReopeningConnection.SETS);
            try {
                statement.setString(index, value);
            } catch (SQLException e) {
                throw owner.failed(e);
            }
        }
    }

    public void setBytes(int index, byte[] value) throws SQLException {
        if (plain != null) {
            plain.setBytes(index, value);
            return;
        }
        synchronized (owner) {
            PreparedStatement statement = ready(ReopeningConnection.SETS);
            try {
                statement.setBytes(index, value);
            } catch (SQLException e) {
                throw owner.failed(e);
            }
        }
    }

    /** For values a driver binds by their class (a UUID on PostgreSQL). */
    public void setObject(int index, Object value) throws SQLException {
        if (plain != null) {
            plain.setObject(index, value);
            return;
        }
        synchronized (owner) {
            PreparedStatement statement = ready(ReopeningConnection.SETS);
            try {
                statement.setObject(index, value);
            } catch (SQLException e) {
                throw owner.failed(e);
            }
        }
    }

    public void setLong(int index, long value) throws SQLException {
        if (plain != null) {
            plain.setLong(index, value);
            return;
        }
        synchronized (owner) {
            PreparedStatement statement = ready(ReopeningConnection.SETS);
            try {
                statement.setLong(index, value);
            } catch (SQLException e) {
                throw owner.failed(e);
            }
        }
    }

    public void setBoolean(int index, boolean value) throws SQLException {
        if (plain != null) {
            plain.setBoolean(index, value);
            return;
        }
        synchronized (owner) {
            PreparedStatement statement = ready(ReopeningConnection.SETS);
            try {
                statement.setBoolean(index, value);
            } catch (SQLException e) {
                throw owner.failed(e);
            }
        }
    }

    public void addBatch() throws SQLException {
        if (plain != null) {
            plain.addBatch();
            return;
        }
        synchronized (owner) {
            PreparedStatement statement = ready(ReopeningConnection.SETS);
            try {
                statement.addBatch();
            } catch (SQLException e) {
                throw owner.failed(e);
            }
        }
    }

    /** Sets the parameters of one row of a JDBC batch, on the statement as it is now. */
    @FunctionalInterface
    public interface Row {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /**
     * Sets a row's parameters and adds it to the batch, with the bookkeeping (the lock, the check
     * that the statement is on the live connection) done once for the row, not once per parameter:
     * a reading sets nine. {@code row} must only set parameters.
     */
    public void addBatch(Row row) throws SQLException {
        if (plain != null) {
            row.bind(plain);
            plain.addBatch();
            return;
        }
        synchronized (owner) {
            PreparedStatement statement = ready(ReopeningConnection.SETS);
            try {
                row.bind(statement);
                statement.addBatch();
            } catch (SQLException e) {
                throw owner.failed(e);
            }
        }
    }

    /** Forgets the rows batched and not executed (a transaction rolled back before its batch ran). */
    public void clearBatch() throws SQLException {
        if (plain != null) {
            plain.clearBatch();
            return;
        }
        synchronized (owner) {
            PreparedStatement statement = ready(ReopeningConnection.CLEARS);
            try {
                statement.clearBatch();
            } catch (SQLException e) {
                throw owner.failed(e);
            }
        }
    }

    public int executeUpdate() throws SQLException {
        if (plain != null) {
            return plain.executeUpdate();
        }
        synchronized (owner) {
            PreparedStatement statement = ready(ReopeningConnection.EXECUTES);
            try {
                return statement.executeUpdate();
            } catch (SQLException e) {
                throw owner.failed(e);
            }
        }
    }

    /** Runs a query (an insert returning what it inserted); the result is read before any other call. */
    public java.sql.ResultSet executeQuery() throws SQLException {
        if (plain != null) {
            return plain.executeQuery();
        }
        synchronized (owner) {
            PreparedStatement statement = ready(ReopeningConnection.EXECUTES);
            try {
                return statement.executeQuery();
            } catch (SQLException e) {
                throw owner.failed(e);
            }
        }
    }

    public int[] executeBatch() throws SQLException {
        if (plain != null) {
            return plain.executeBatch();
        }
        synchronized (owner) {
            PreparedStatement statement = ready(ReopeningConnection.EXECUTES);
            try {
                return statement.executeBatch();
            } catch (SQLException e) {
                throw owner.failed(e);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        if (plain != null) {
            plain.close();
            return;
        }
        synchronized (owner) {
            reopening.close();
        }
    }
}
