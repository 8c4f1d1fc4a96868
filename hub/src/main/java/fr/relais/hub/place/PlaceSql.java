package fr.relais.hub.place;

import fr.relais.hub.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Statements on the places' and the van tour's connection, serialised on it (the lead may give
 * them one of their own; the coworking connection serves until then). Blocks on JDBC: never call
 * it on the event loop.
 */
public final class PlaceSql extends Sql {
    public PlaceSql(Connection connection) {
        super(connection, "places and van tour");
    }

    /** Several statements as one transaction, rolled back on any failure. */
    public <T> T inTransaction(Work<T> work) {
        return transaction(() -> null, work);
    }

    public static Double nullableDouble(ResultSet row, int column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }
}
