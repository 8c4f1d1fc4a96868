package fr.relais.hub.cowork;

import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.Page;
import fr.relais.hub.db.PageRequest;
import fr.relais.hub.db.PagedQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The unknown badge reads the doors reported ({@link AccessEvents} writes them). */
final class UnknownReadStore {
    /** How long a read may be enrolled: the person is still at the desk with the badge. */
    static final Duration FRESH = Duration.ofMinutes(5);
    private static final String COLUMNS = "SELECT id, site_id, node_id, reader_id, door_id, badge_hash, at";

    private final CoworkSql sql;

    UnknownReadStore(CoworkSql sql) {
        this.sql = sql;
    }

    /** The reads of the last 5 minutes, newest first. */
    Page<UnknownRead> recent(String site, String reader, long now, PageRequest page) throws BadCursorException {
        PagedQuery query = new PagedQuery(COLUMNS, "FROM coworking_unknown_reads",
                List.of(CoworkSql.number("at"), CoworkSql.text("id")), true)
                .where("site_id = ?", site).where("reader_id = ?", reader).where("at >= ?", now - FRESH.toMillis());
        return sql.page(query, page, UnknownReadStore::read, read -> List.of(read.at(), read.id()));
    }

    Optional<UnknownRead> find(String id) {
        return sql.one(COLUMNS + " FROM coworking_unknown_reads WHERE id = ?", UnknownReadStore::read, id);
    }

    private static UnknownRead read(ResultSet row) throws SQLException {
        return new UnknownRead(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getLong(7));
    }
}
