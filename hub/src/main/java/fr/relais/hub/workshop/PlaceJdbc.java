package fr.relais.hub.workshop;

import fr.relais.hub.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Statements on a connection whose transaction the caller holds: the API's ({@link PlaceSql}) or
 * the ingestion writer's, for the kiosk actions.
 */
public final class PlaceJdbc {
    private PlaceJdbc() {
    }

    public static <T> List<T> query(Connection connection, String sql, Sql.RowMapper<T> mapper,
                                    Object... parameters) throws SQLException {
        try (PreparedStatement select = prepare(connection, sql, parameters); ResultSet row = select.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (row.next()) {
                rows.add(mapper.map(row));
            }
            return rows;
        }
    }

    public static <T> Optional<T> one(Connection connection, String sql, Sql.RowMapper<T> mapper,
                                      Object... parameters) throws SQLException {
        return query(connection, sql, mapper, parameters).stream().findFirst();
    }

    public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
