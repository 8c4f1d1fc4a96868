package fr.relais.hub.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The accounts table. Removing an account removes its sessions and tokens in the same transaction. */
final class AccountStore {
    private static final String COLUMNS = "SELECT username, role, site_id, created_at, disabled_at FROM accounts";

    private final AuthSql sql;

    AccountStore(AuthSql sql) {
        this.sql = sql;
    }

    /** An account with its password hash, for logging in. */
    record WithHash(Account account, String passwordHash) {
    }

    List<Account> all() {
        return sql.query(COLUMNS + " ORDER BY username", AccountStore::account);
    }

    Optional<Account> find(String username) {
        return sql.query(COLUMNS + " WHERE username = ?", AccountStore::account, username).stream().findFirst();
    }

    Optional<WithHash> withHash(String username) {
        return sql.query("SELECT username, role, site_id, created_at, disabled_at, password_hash FROM accounts"
                + " WHERE username = ?", row -> new WithHash(account(row), row.getString(6)), username)
                .stream().findFirst();
    }

    boolean any() {
        return !sql.query("SELECT username FROM accounts LIMIT 1", row -> row.getString(1)).isEmpty();
    }

    /** Creates the account; false if the name is taken. */
    boolean create(Account account, String passwordHash) {
        return sql.inTransaction(() -> {
            if (find(account.username()).isPresent()) {
                return false;
            }
            sql.update("INSERT INTO accounts (username, password_hash, role, site_id, created_at, disabled_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", account.username(), passwordHash, account.role().wire(),
                    account.site(), account.createdAt(), account.disabledAt());
            return true;
        });
    }

    /**
     * Applies a change unless it would leave no enabled admin; a disabled account, or one whose
     * password changed, loses its sessions and tokens, so that the change takes effect at once.
     */
    Change update(String username, AccountChange change, String newHash, long now) {
        return sql.inTransaction(() -> {
            Optional<Account> found = find(username);
            if (found.isEmpty()) {
                return Change.UNKNOWN;
            }
            Account before = found.get();
            Role role = change.role() != null ? change.role() : before.role();
            if (!role.siteScoped() && change.site() != null) {
                return Change.SITE_FOR_NON_VIEWER;
            }
            String site = role.siteScoped() ? (change.site() != null ? change.site() : before.site()) : null;
            if (role.siteScoped() && site == null) {
                return Change.VIEWER_WITHOUT_SITE;
            }
            Long disabledAt = change.disabled() == null ? before.disabledAt()
                    : change.disabled() ? (before.disabledAt() != null ? before.disabledAt() : Long.valueOf(now)) : null;
            boolean stillAdmin = role == Role.ADMIN && disabledAt == null;
            if (before.role() == Role.ADMIN && before.enabled() && !stillAdmin && enabledAdmins() <= 1) {
                return Change.LAST_ADMIN;
            }
            sql.update("UPDATE accounts SET role = ?, site_id = ?, disabled_at = ? WHERE username = ?",
                    role.wire(), site, disabledAt, username);
            if (newHash != null) {
                sql.update("UPDATE accounts SET password_hash = ? WHERE username = ?", newHash, username);
            }
            if (newHash != null || disabledAt != null || role != before.role() || !Objects.equals(site, before.site())) {
                forgetCredentials(username);
            }
            return Change.DONE;
        });
    }

    Change delete(String username) {
        return sql.inTransaction(() -> {
            Optional<Account> found = find(username);
            if (found.isEmpty()) {
                return Change.UNKNOWN;
            }
            if (found.get().role() == Role.ADMIN && found.get().enabled() && enabledAdmins() <= 1) {
                return Change.LAST_ADMIN;
            }
            forgetCredentials(username);
            sql.update("DELETE FROM accounts WHERE username = ?", username);
            return Change.DONE;
        });
    }

    /** What became of a change. */
    enum Change {
        DONE, UNKNOWN, LAST_ADMIN, VIEWER_WITHOUT_SITE, SITE_FOR_NON_VIEWER
    }

    private void forgetCredentials(String username) {
        sql.update("DELETE FROM sessions WHERE username = ?", username);
        sql.update("DELETE FROM api_tokens WHERE username = ?", username);
    }

    private long enabledAdmins() {
        return sql.query("SELECT COUNT(*) FROM accounts WHERE role = 'admin' AND disabled_at IS NULL",
                row -> row.getLong(1)).get(0);
    }

    static Account account(ResultSet row) throws SQLException {
        String username = row.getString(1);
        String role = row.getString(2);
        return new Account(username, Role.fromWire(role).orElseThrow(() ->
                new SQLException("unknown role '" + role + "' for " + username)),
                row.getString(3), row.getLong(4), AuthSql.nullableLong(row, 5));
    }
}
