package fr.relais.hub.cowork;

import fr.relais.hub.db.PagedQuery;
import fr.relais.hub.db.Sql;
import java.sql.Connection;
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
            lockSite(connection, site);
            return null;
        }, work);
    }

    /** The write on the site's row that starts a transaction of one site, on a connection inside it. */
    static void lockSite(Connection connection, String site) throws SQLException {
        update(connection, "INSERT INTO coworking_sites (site_id) VALUES (?) ON CONFLICT (site_id) DO NOTHING", site);
        update(connection, "UPDATE coworking_sites SET booking_margin_minutes = booking_margin_minutes"
                + " WHERE site_id = ?", site);
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
