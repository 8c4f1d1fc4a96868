package fr.relais.hub.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Bearer tokens for scripts, by the digest of their secret; only those of enabled accounts are found. */
final class TokenStore {
    private static final String COLUMNS = "SELECT id, username, name, created_at, expires_at, last_used_at FROM api_tokens";

    private final AuthSql sql;

    TokenStore(AuthSql sql) {
        this.sql = sql;
    }

    /** A token as its owner sees it: never its secret. */
    record Token(String id, String username, String name, long createdAt, Long expiresAt, Long lastUsedAt) {
    }

    /** A token found by its secret, with its account. */
    record Found(Account account, String id, Long expiresAt, Long lastUsedAt) {
    }

    void create(Token token, String secretHash) {
        sql.update("INSERT INTO api_tokens (id, token_hash, username, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                token.id(), secretHash, token.username(), token.name(), token.createdAt(), token.expiresAt());
    }

    Optional<Found> findBySecret(String secretHash) {
        return sql.query("SELECT a.username, a.role, a.site_id, a.created_at, a.disabled_at, t.id, t.expires_at,"
                + " t.last_used_at FROM api_tokens t JOIN accounts a ON a.username = t.username"
                + " WHERE t.token_hash = ? AND a.disabled_at IS NULL",
                row -> new Found(AccountStore.account(row), row.getString(6), AuthSql.nullableLong(row, 7),
                        AuthSql.nullableLong(row, 8)), secretHash).stream().findFirst();
    }

    Optional<Token> find(String id) {
        return sql.query(COLUMNS + " WHERE id = ?", TokenStore::token, id).stream().findFirst();
    }

    List<Token> of(String username) {
        return sql.query(COLUMNS + " WHERE username = ? ORDER BY created_at DESC, id DESC", TokenStore::token, username);
    }

    List<Token> all() {
        return sql.query(COLUMNS + " ORDER BY created_at DESC, id DESC", TokenStore::token);
    }

    void touch(String id, long now) {
        sql.update("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", now, id);
    }

    /** Revokes the token of {@code username} with this secret digest, if there is one. */
    boolean deleteBySecret(String secretHash, String username) {
        return sql.update("DELETE FROM api_tokens WHERE token_hash = ? AND username = ?", secretHash, username) > 0;
    }

    int boundUnlimited(long expiresAt) {
        return sql.update("UPDATE api_tokens SET expires_at = ? WHERE expires_at IS NULL", expiresAt);
    }

    boolean delete(String id) {
        return sql.update("DELETE FROM api_tokens WHERE id = ?", id) > 0;
    }

    private static Token token(ResultSet row) throws SQLException {
        return new Token(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                AuthSql.nullableLong(row, 5), AuthSql.nullableLong(row, 6));
    }
}
