package fr.relais.hub.auth;

import fr.relais.hub.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Statements on the accounts' connection, serialised on it: the account, session, token and
 * audit stores share it. Blocks on JDBC: never call it on the event loop.
 */
final class AuthSql {
    private final Connection connection;

    AuthSql(Connection connection) {
        this.connection = connection;
    }

    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    interface Work<T> {
        T run() throws SQLException;
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
        synchronized (connection) {
            try (PreparedStatement select = prepare(sql, parameters)) {
                List<T> rows = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        rows.add(mapper.map(row));
                    }
                }
                return rows;
            } catch (SQLException e) {
                throw new StoreException("cannot read accounts: " + e.getMessage(), e);
            }
        }
    }

    int update(String sql, Object... parameters) {
        synchronized (connection) {
            try (PreparedStatement update = prepare(sql, parameters)) {
                return update.executeUpdate();
            } catch (SQLException e) {
                throw new StoreException("cannot write accounts: " + e.getMessage(), e);
            }
        }
    }

    /** Runs several statements as one transaction. */
    <T> T inTransaction(Work<T> work) {
        synchronized (connection) {
            try {
                connection.setAutoCommit(false);
                try {
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
                throw new StoreException("cannot write accounts: " + e.getMessage(), e);
            }
        }
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    static Long nullableLong(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
