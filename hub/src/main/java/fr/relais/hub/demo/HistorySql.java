package fr.relais.hub.demo;

import fr.relais.hub.db.Sql;
import fr.relais.hub.db.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The example history's statements, on the housekeeping connection it is given by Housekeeping:
 * inside the transaction its progress opened (no commit here), plus batches for the many rows of
 * a seeded day.
 */
final class HistorySql extends Sql {
    HistorySql(Connection connection) {
        super(connection, "the example history");
    }

    /** One statement run for each row of parameters, in batches; returns the rows given. */
    int batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        synchronized (connection) {
            try (PreparedStatement insert = prepare(sql)) {
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        insert.setObject(i + 1, row[i]);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
                return rows.size();
            } catch (SQLException e) {
                throw new StoreException("cannot write the example history: " + e.getMessage(), e);
            }
        }
    }
}
