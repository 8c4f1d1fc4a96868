package fr.relais.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.ApiClient;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.alert.MutableClock;
import fr.relais.hub.db.Database;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the live channel asks every minute of an open stream's caller: is the session or the token
 * still valid? Asking is not activity: an open stream alone does not keep a session alive.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class StillValidTest {
    @Parameter
    TestDatabase.Kind kind;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T08:00:00Z"));
    private final AuthSettings settings = ApiClient.AUTH;
    private TestDatabase testDatabase;
    private Database database;
    private Authenticator authenticator;
    private TokenStore tokens;

    @BeforeEach
    void open(@TempDir Path dir) {
        testDatabase = TestDatabase.create(kind, dir);
        database = Database.open(testDatabase.url());
        AuthSql sql = new AuthSql(database.accounts());
        AccountStore accounts = new AccountStore(sql);
        tokens = new TokenStore(sql);
        Passwords passwords = new Passwords();
        authenticator = new Authenticator(accounts, new SessionStore(sql), tokens, passwords, settings, clock);
        new AdminBootstrap(accounts, tokens, passwords, authenticator, clock).run(settings,
                new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterEach
    void close() throws Exception {
        database.close();
        testDatabase.close();
    }

    private Caller session() {
        Authenticator.Login login = authenticator.login("admin", ApiClient.ADMIN_PASSWORD, null).orElseThrow();
        return authenticator.bySession(login.sessionSecret()).orElseThrow();
    }

    @Test
    void aSessionIsValidUntilItIsIdleAndAskingDoesNotKeepItAlive() {
        Caller caller = session();
        assertThat(authenticator.stillValid(caller)).isTrue();
        clock.advance(settings.sessionIdle().minusMinutes(1));
        assertThat(authenticator.stillValid(caller)).isTrue();
        clock.advance(Duration.ofMinutes(2));
        assertThat(authenticator.stillValid(caller)).as("idle for longer than sessionIdle").isFalse();
    }

    @Test
    void aLoggedOutSessionIsNoLongerValidAndTheListenerIsTold() {
        List<String> ended = new CopyOnWriteArrayList<>();
        authenticator.onLogout(ended::add);
        Caller caller = session();
        Caller other = session();
        authenticator.logout(caller);
        assertThat(ended).containsExactly(caller.credential());
        assertThat(authenticator.stillValid(caller)).isFalse();
        assertThat(authenticator.stillValid(other)).as("another session of the same account").isTrue();
    }

    @Test
    void aTokenIsValidUntilItExpiresOrIsRevoked() {
        Authenticator.NewToken kept = authenticator.createToken("admin", "tableau", Duration.ofDays(1));
        Authenticator.NewToken revoked = authenticator.createToken("admin", "script", Duration.ofDays(2));
        Caller keptCaller = authenticator.byToken(kept.secret()).orElseThrow();
        Caller revokedCaller = authenticator.byToken(revoked.secret()).orElseThrow();
        assertThat(authenticator.stillValid(keptCaller)).isTrue();
        tokens.delete(revoked.token().id());
        assertThat(authenticator.stillValid(revokedCaller)).isFalse();
        clock.advance(Duration.ofDays(1));
        assertThat(authenticator.stillValid(keptCaller)).as("expired").isFalse();
    }
}
