package fr.relais.hub.auth;

import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.Page;
import fr.relais.hub.db.PageRequest;
import fr.relais.hub.db.PagedQuery;
import java.util.List;

/** The audit log: one row per write request, read back newest first. */
final class AuditStore {
    private final AuthSql sql;

    AuditStore(AuthSql sql) {
        this.sql = sql;
    }

    /** One write: who, what, when, from where, and how it ended. Never a secret. */
    record Entry(String id, long at, String username, String method, String path, int status, String remoteAddress,
                 String summary) {
    }

    void record(Entry entry) {
        sql.update("INSERT INTO audit_log (id, at, username, method, path, status, remote_address, summary)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", entry.id(), entry.at(), entry.username(), entry.method(),
                entry.path(), entry.status(), entry.remoteAddress(), entry.summary());
    }

    /**
     * What the audit list is filtered by; a null field does not filter.
     *
     * @param from epoch milliseconds, included
     * @param to   epoch milliseconds, excluded
     */
    record Filter(String username, Long from, Long to) {
    }

    /**
     * The most recent entries first, a page at a time. Ids are time-ordered (UUID v7), so
     * {@code (at, id)} is a unique sort key that keeps the order of rows of the same millisecond.
     */
    Page<Entry> page(Filter filter, PageRequest page) throws BadCursorException {
        PagedQuery query = new PagedQuery("SELECT id, at, username, method, path, status, remote_address, summary",
                "FROM audit_log", List.of(new PagedQuery.Key("at", Long.class), new PagedQuery.Key("id", String.class)),
                true)
                .where("username = ?", filter.username())
                .where("at >= ?", filter.from())
                .where("at < ?", filter.to());
        return sql.page(query, page, row -> new Entry(row.getString(1), row.getLong(2), row.getString(3),
                row.getString(4), row.getString(5), row.getInt(6), row.getString(7), row.getString(8)),
                entry -> List.of(entry.at(), entry.id()));
    }
}
