package fr.relais.hub.auth;

import java.util.ArrayList;
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

    /** The most recent entries first, of one user if {@code username} is not null. */
    List<Entry> recent(int limit, String username) {
        List<Object> parameters = new ArrayList<>();
        String where = "";
        if (username != null) {
            where = " WHERE username = ?";
            parameters.add(username);
        }
        return sql.query("SELECT id, at, username, method, path, status, remote_address, summary FROM audit_log" + where
                + " ORDER BY at DESC, id DESC LIMIT " + Math.max(1, Math.min(limit, 1000)),
                row -> new Entry(row.getString(1), row.getLong(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getInt(6), row.getString(7), row.getString(8)), parameters.toArray());
    }
}
