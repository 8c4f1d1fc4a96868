package fr.relais.hub.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The hub's one JDBC helper: statements on one of the hub's connections, serialised on it, for the
 * stores that use it (accounts and audit, alerts, the registry, telemetry, coworking data,
 * workshops, content, the queue). Lists, single rows, keyset pages, writes and transactions, each
 * failure as a {@link StoreException} naming what could not be read or written. The static
 * methods run statements on a connection whose transaction the caller holds (the ingestion
 * writer's batches, the kiosk actions): no lock, no commit, the {@link SQLException} for the
 * caller to roll back on. Blocks on JDBC: never call it on the event loop.
 */
public class Sql {
    protected final Connection connection;
    private final String what;

    /** @param what what the connection holds, for the errors: "accounts", "coworking data" */
    public Sql(Connection connection, String what) {
        this.connection = connection;
        this.what = what;
    }

    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    public interface Work<T> {
        T run() throws SQLException;
    }

    /** Every row; a row the mapper reads as null stays a null in the list. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
        synchronized (connection) {
            try {
                return query(connection, sql, mapper, parameters);
            } catch (SQLException e) {
                throw new StoreException("cannot read " + what + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The first row, if any; empty too when the mapper reads the first row as null (a NULL
     * column: {@code SELECT MAX(…)} of no rows, a nullable value), so that a caller need not tell
     * "no row" from "no value" apart unless it wants to (then {@link #query} it).
     */
    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... parameters) {
        synchronized (connection) {
            try {
                return one(connection, sql, mapper, parameters);
            } catch (SQLException e) {
                throw new StoreException("cannot read " + what + ": " + e.getMessage(), e);
            }
        }
    }

    /** One page of a keyset-paged list; {@code key} gives the cursor of a row. */
    public <T> Page<T> page(PagedQuery query, PageRequest page, RowMapper<T> mapper, Function<T, List<Object>> key)
            throws BadCursorException {
        List<Object> parameters = query.pageParameters(page);
        long total = query(query.countSql(), row -> row.getLong(1), query.countParameters().toArray()).get(0);
        List<T> rows = query(query.pageSql(page), mapper, parameters.toArray());
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, total, Optional.empty());
        }
        List<T> kept = rows.subList(0, page.limit());
        return new Page<>(kept, total, Optional.of(new Cursor(key.apply(kept.get(kept.size() - 1)))));
    }

    public int update(String sql, Object... parameters) {
        synchronized (connection) {
            try {
                return update(connection, sql, parameters);
            } catch (SQLException e) {
                throw new StoreException("cannot write " + what + ": " + e.getMessage(), e);
            }
        }
    }

    /** Runs {@code first} (then {@code work}) as one transaction; rolled back on any failure. */
    protected <T> T transaction(Work<Void> first, Work<T> work) {
        synchronized (connection) {
            try {
                connection.setAutoCommit(false);
                try {
                    first.run();
                    T result = work.run();
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new StoreException("cannot write " + what + ": " + e.getMessage(), e);
            }
        }
    }

    protected PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        return prepare(connection, sql, parameters);
    }

    /** Every row, on a connection whose transaction the caller holds. */
    public static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        try (PreparedStatement select = prepare(connection, sql, parameters); ResultSet row = select.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (row.next()) {
                rows.add(mapper.map(row));
            }
            return rows;
        }
    }

    /** The first row, if any (empty when it maps to null), on a connection whose transaction the caller holds. */
    public static <T> Optional<T> one(Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        try (PreparedStatement select = prepare(connection, sql, parameters); ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.ofNullable(mapper.map(row)) : Optional.empty();
        }
    }

    /** A write, on a connection whose transaction the caller holds; how many rows it changed. */
    public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
        return statement;
    }

    /** A nullable number column: null rather than JDBC's 0. */
    public static Long nullableLong(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
