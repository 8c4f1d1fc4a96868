package fr.relais.hub.cowork;

import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.Cursor;
import fr.relais.hub.db.Page;
import fr.relais.hub.db.PageRequest;
import fr.relais.hub.db.PagedQuery;
import fr.relais.hub.db.SerialSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Statements on the coworking connection, serialised on it: every coworking store shares it.
 * Blocks on JDBC: never call it on the event loop.
 */
final class CoworkSql extends SerialSql {
    CoworkSql(Connection connection) {
        super(connection, "coworking data");
    }

    <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... parameters) {
        return query(sql, mapper, parameters).stream().findFirst();
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

    /** One page of a keyset-paged list; {@code key} gives the cursor of a row. */
    <T> Page<T> page(PagedQuery query, PageRequest page, RowMapper<T> mapper, Function<T, List<Object>> key)
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
