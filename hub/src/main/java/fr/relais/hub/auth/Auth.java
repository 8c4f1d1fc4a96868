package fr.relais.hub.auth;

import fr.relais.hub.db.Database;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts, sessions, tokens and the audit, wired together: what the hub's HTTP side mounts.
 *
 * <p>{@link #mount} must come before every other {@code /api} route: it puts the audit and the
 * authentication in front of all of them, then adds the routes of this package. Routes outside
 * {@code /api} (such as {@code /metrics}) are protected by mounting {@link #handler()} before them.
 */
public final class Auth {
    private static final Logger LOG = LoggerFactory.getLogger(Auth.class);
    static final Duration SWEEP_PERIOD = Duration.ofMinutes(10);
    /** The largest request body under /api: that of a command's parameters. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final Authenticator authenticator;
    private final AuthHandler handler;
    private final Audit audit;
    private final SessionRoutes sessionRoutes;
    private final TokenRoutes tokenRoutes;
    private final AccountRoutes accountRoutes;
    private final AdminBootstrap bootstrap;
    private final ClientAddress clientAddress;

    private Auth(Vertx vertx, Database database, AuthSettings settings, Clock clock) {
        AuthSql sql = new AuthSql(database.accounts());
        AccountStore accounts = new AccountStore(sql);
        TokenStore tokens = new TokenStore(sql);
        AuditStore auditStore = new AuditStore(sql);
        Passwords passwords = new Passwords();
        this.authenticator = new Authenticator(accounts, new SessionStore(sql), tokens, passwords, settings, clock);
        this.handler = new AuthHandler(vertx, authenticator, settings.secureCookies());
        this.audit = new Audit(vertx, auditStore, clock);
        this.sessionRoutes = new SessionRoutes(authenticator, new LoginLimiter(clock), settings);
        this.tokenRoutes = new TokenRoutes(authenticator, tokens);
        this.accountRoutes = new AccountRoutes(accounts, auditStore, passwords, clock);
        this.bootstrap = new AdminBootstrap(accounts, tokens, passwords, authenticator, clock);
        this.clientAddress = new ClientAddress(settings.trustedProxies());
    }

    /**
     * Sets authentication up on the database: creates the first admin if there is no account
     * (printing a generated password on {@code out}) and writes the admin token file if asked.
     * Blocks on JDBC and BCrypt: call it before serving.
     */
    public static Auth start(Vertx vertx, Database database, AuthSettings settings, Clock clock, PrintStream out) {
        Auth auth = new Auth(vertx, database, settings, clock);
        auth.bootstrap.run(settings, out);
        vertx.setPeriodic(SWEEP_PERIOD.toMillis(), id -> vertx.executeBlocking(() -> {
            auth.authenticator.sweep();
            return null;
        }, false).onFailure(failure -> LOG.warn("cannot remove expired sessions: {}", failure.toString())));
        return auth;
    }

    /** Audit and authentication for every {@code /api} route, then login, tokens, accounts and audit routes. */
    public void mount(Router router) {
        // The body is read before the credentials are looked up (off the event loop), or it would
        // flow past meanwhile: Vert.x's BodyHandler must come before any asynchronous handler.
        // A route's own BodyHandler then finds it read and does nothing, so this limit is theirs.
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(clientAddress).handler(audit).handler(handler);
        sessionRoutes.mount(router);
        tokenRoutes.mount(router);
        accountRoutes.mount(router);
    }

    /**
     * Who a request comes from, as the limiters count clients: the TCP peer, or behind a trusted
     * proxy the client it forwarded for; an IPv6 client by its /64, which one home or place gets.
     */
    public static String limiterClient(RoutingContext ctx) {
        return TrustedProxies.limiterKey(ClientAddress.of(ctx));
    }

    /**
     * Whether a caller's session or token is still valid (see {@code Authenticator}); long-lived
     * answers such as {@code /api/live} ask it from time to time. Blocks on JDBC: call it on a worker.
     */
    public boolean stillValid(Caller caller) {
        return authenticator.stillValid(caller);
    }

    /**
     * Tells {@code listener} of each session ended by a logout, with its {@link Caller#credential()},
     * on the worker thread that ended it. One listener.
     */
    public void onLogout(java.util.function.Consumer<String> listener) {
        authenticator.onLogout(java.util.Objects.requireNonNull(listener, "listener"));
    }

    /**
     * The authentication alone, for routes outside {@code /api}: a bearer token or a session
     * (with its CSRF header on writes), and a role allowed on the path (not a viewer's).
     */
    public Handler<RoutingContext> handler() {
        return handler;
    }
}
