package fr.relais.hub.cowork;

import fr.relais.hub.db.PagedQuery;
import fr.relais.hub.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Statements on the coworking connection, serialised on it: every coworking store shares it.
 * Blocks on JDBC: never call it on the event loop.
 */
final class CoworkSql extends Sql {
    CoworkSql(Connection connection) {
        super(connection, "coworking data");
    }

    /**
     * Several statements as one transaction of one site. It starts with a write on the site's row
     * (created if missing): SQLite then holds its write lock from the start (a transaction that
     * read first could not be upgraded), and PostgreSQL locks the row, so two hubs checking the
     * same site's bookings for overlaps take turns.
     */
    <T> T inSiteTransaction(String site, Work<T> work) {
        return transaction(() -> {
            run("INSERT INTO coworking_sites (site_id) VALUES (?) ON CONFLICT (site_id) DO NOTHING", site);
            run("UPDATE coworking_sites SET booking_margin_minutes = booking_margin_minutes WHERE site_id = ?", site);
            return null;
        }, work);
    }

    private void run(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters)) {
            statement.executeUpdate();
        }
    }

    static Integer nullableInt(ResultSet row, int column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    static PagedQuery.Key text(String column) {
        return new PagedQuery.Key(column, String.class);
    }

    static PagedQuery.Key number(String column) {
        return new PagedQuery.Key(column, Long.class);
    }
}
