package fr.relais.hub.ingest.write;

import fr.relais.hub.db.DirectStatement;
import java.sql.Connection;
import java.sql.SQLException;

/** PostgreSQL only: rows sent together, each column bound as one array parameter, in order from 1. */
final class ArrayColumns {
    private ArrayColumns() {
    }

    /** @param types the columns' element types, space-separated ({@code "text int8"}) */
    static void bind(Connection connection, DirectStatement statement, String types, Object[]... columns)
            throws SQLException {
        String[] type = types.split(" ");
        if (type.length != columns.length) {
            throw new IllegalArgumentException(type.length + " types for " + columns.length + " columns");
        }
        for (int i = 0; i < columns.length; i++) {
            statement.setObject(i + 1, connection.createArrayOf(type[i], columns[i]));
        }
    }
}
