package fr.relais.hub.auth;

import java.util.Optional;

/** Browser sessions, by the digest of their id; only those of enabled accounts are found. */
final class SessionStore {
    private final AuthSql sql;

    SessionStore(AuthSql sql) {
        this.sql = sql;
    }

    /** A session and its account. */
    record Found(Account account, long lastSeenAt, long expiresAt) {
    }

    void create(String idHash, String username, long now, long expiresAt) {
        sql.update("INSERT INTO sessions (id_hash, username, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                idHash, username, now, now, expiresAt);
    }

    Optional<Found> find(String idHash) {
        return sql.query("SELECT a.username, a.role, a.site_id, a.created_at, a.disabled_at, s.last_seen_at,"
                + " s.expires_at FROM sessions s JOIN accounts a ON a.username = s.username"
                + " WHERE s.id_hash = ? AND a.disabled_at IS NULL",
                row -> new Found(AccountStore.account(row), row.getLong(6), row.getLong(7)), idHash)
                .stream().findFirst();
    }

    void touch(String idHash, long now) {
        sql.update("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?", now, idHash);
    }

    void delete(String idHash) {
        sql.update("DELETE FROM sessions WHERE id_hash = ?", idHash);
    }

    /** Removes the sessions past their absolute or idle expiry; says how many. */
    int deleteExpired(long now, long idleMillis) {
        return sql.update("DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?", now, now - idleMillis);
    }
}
