package fr.relais.hub.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Proves who a request comes from: passwords at login, then a session id (browsers) or a
 * bearer token (scripts) on every request. Blocks on JDBC and BCrypt: call it on a worker.
 */
final class Authenticator {
    /** Writing last_seen_at on every request would make each read a write; a minute is precise enough. */
    private static final long TOUCH_EVERY_MILLIS = Duration.ofMinutes(1).toMillis();

    private final AccountStore accounts;
    private final SessionStore sessions;
    private final TokenStore tokens;
    private final Passwords passwords;
    private final AuthSettings settings;
    private final Clock clock;
    /** Told of each session ended by a logout (the live channel ends its streams at once). */
    private volatile java.util.function.Consumer<String> loggedOut = credential -> {
    };

    Authenticator(AccountStore accounts, SessionStore sessions, TokenStore tokens, Passwords passwords,
                  AuthSettings settings, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.tokens = tokens;
        this.passwords = passwords;
        this.settings = settings;
        this.clock = clock;
    }

    /** A session just opened: its secret goes into the cookie, never into the database. */
    record Login(Account account, String sessionSecret, String csrfToken, long expiresAt) {
    }

    /**
     * Checks a password; unknown users, disabled accounts and wrong passwords all come back
     * empty after the same BCrypt work, so that the answer tells nothing of which it was.
     */
    Optional<Login> login(String username, String password, String previousSessionSecret) {
        if (previousSessionSecret != null) {
            // A new login never keeps a session id the browser had before, whoever it was.
            sessions.delete(Secrets.digest(previousSessionSecret));
        }
        Optional<AccountStore.WithHash> found = accounts.withHash(username);
        boolean matches = passwords.matches(password, found.map(AccountStore.WithHash::passwordHash).orElse(null));
        if (!matches || !found.get().account().enabled()) {
            return Optional.empty();
        }
        String secret = Secrets.random();
        long now = clock.millis();
        long expiresAt = now + settings.sessionLifetime().toMillis();
        sessions.create(Secrets.digest(secret), username, now, expiresAt);
        return Optional.of(new Login(found.get().account(), secret, Secrets.csrfToken(secret), expiresAt));
    }

    /**
     * Changes one's own password, given the current one; every session and token of the account
     * ends, this one included, as after any password change.
     */
    boolean changePassword(String username, String current, String replacement) {
        Optional<AccountStore.WithHash> found = accounts.withHash(username);
        if (!passwords.matches(current, found.map(AccountStore.WithHash::passwordHash).orElse(null))) {
            return false;
        }
        return accounts.update(username, new AccountChange(replacement, null, null, null), passwords.hash(replacement),
                clock.millis()) == AccountStore.Change.DONE;
    }

    Optional<Caller> bySession(String secret) {
        String idHash = Secrets.digest(secret);
        Optional<SessionStore.Found> found = sessions.find(idHash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        long now = clock.millis();
        SessionStore.Found session = found.get();
        if (session.expiresAt() <= now || session.lastSeenAt() + settings.sessionIdle().toMillis() <= now) {
            sessions.delete(idHash);
            return Optional.empty();
        }
        if (now - session.lastSeenAt() >= TOUCH_EVERY_MILLIS) {
            sessions.touch(idHash, now);
        }
        Account account = session.account();
        return Optional.of(new Caller(account.username(), account.role(), account.site(), Caller.Via.SESSION, idHash));
    }

    Optional<Caller> byToken(String secret) {
        Optional<TokenStore.Found> found = tokens.findBySecret(Secrets.digest(secret));
        long now = clock.millis();
        if (found.isEmpty() || found.get().expiresAt() != null && found.get().expiresAt() <= now) {
            return Optional.empty();
        }
        TokenStore.Found token = found.get();
        if (token.lastUsedAt() == null || now - token.lastUsedAt() >= TOUCH_EVERY_MILLIS) {
            tokens.touch(token.id(), now);
        }
        Account account = token.account();
        return Optional.of(new Caller(account.username(), account.role(), account.site(), Caller.Via.TOKEN, token.id()));
    }

    void logout(Caller caller) {
        if (caller.via() == Caller.Via.SESSION) {
            sessions.delete(caller.credential());
            loggedOut.accept(caller.credential());
        }
    }

    void onLogout(java.util.function.Consumer<String> listener) {
        this.loggedOut = listener;
    }

    /**
     * Whether what this caller proved is still valid: the session not ended, expired or idle, the
     * token not revoked or expired, the account not disabled. Unlike a request, it does not count
     * as activity: a stream left open does not keep a session alive.
     */
    boolean stillValid(Caller caller) {
        long now = clock.millis();
        if (caller.via() == Caller.Via.SESSION) {
            return sessions.find(caller.credential()).filter(session -> session.expiresAt() > now
                    && session.lastSeenAt() + settings.sessionIdle().toMillis() > now).isPresent();
        }
        return tokens.find(caller.credential()).filter(token -> token.expiresAt() == null || token.expiresAt() > now)
                .filter(token -> accounts.find(token.username()).filter(Account::enabled).isPresent()).isPresent();
    }

    /** A new token; its secret is shown once, to its owner, and kept only as a digest. */
    record NewToken(TokenStore.Token token, String secret) {
    }

    /** A token valid for {@code lifetime}: none is valid forever, so a forgotten one ends by itself. */
    NewToken createToken(String username, String name, Duration lifetime) {
        String secret = Secrets.TOKEN_PREFIX + Secrets.random();
        long now = clock.millis();
        long expiresAt = now + lifetime.toMillis();
        TokenStore.Token token = new TokenStore.Token(fr.relais.protocol.MessageIds.next().toString(), username, name,
                now, expiresAt, null);
        tokens.create(token, Secrets.digest(secret));
        return new NewToken(token, secret);
    }

    /**
     * Tokens made before every token had an expiry get one, {@code lifetime} from now: ending them
     * at once would break the scripts that use them, keeping them forever is what is being fixed.
     */
    int boundUnlimitedTokens(Duration lifetime) {
        return tokens.boundUnlimited(clock.millis() + lifetime.toMillis());
    }

    void sweep() {
        sessions.deleteExpired(clock.millis(), settings.sessionIdle().toMillis());
    }
}
