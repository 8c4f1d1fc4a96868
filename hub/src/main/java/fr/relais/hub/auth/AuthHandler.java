package fr.relais.hub.auth;

import fr.relais.hub.web.ApiErrors;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before every protected route: finds who the request comes from (bearer token, else
 * session cookie), checks the CSRF header on a session's writes and the caller's permissions,
 * and leaves the {@link Caller} in the context. Anything else is answered here: 401 without
 * valid credentials, 403 without the CSRF header or the right role.
 */
final class AuthHandler implements Handler<RoutingContext> {
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Logger LOG = LoggerFactory.getLogger(AuthHandler.class);
    private static final String BEARER = "Bearer ";

    private final Vertx vertx;
    private final Authenticator authenticator;
    private final boolean secureCookies;

    AuthHandler(Vertx vertx, Authenticator authenticator, boolean secureCookies) {
        this.vertx = vertx;
        this.authenticator = authenticator;
        this.secureCookies = secureCookies;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (Permissions.isPublic(ctx.request().method(), ctx.normalizedPath())) {
            ctx.next();
            return;
        }
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        String cookie = SessionCookie.read(ctx);
        if (authorization != null && !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            unauthorized(ctx, "only bearer tokens are accepted in the Authorization header");
            return;
        }
        if (authorization == null && cookie == null) {
            unauthorized(ctx, "log in first (POST /api/login) or send Authorization: Bearer TOKEN");
            return;
        }
        String token = authorization == null ? null : authorization.substring(BEARER.length()).trim();
        // Unordered: one slow lookup must not hold every other request of this event loop.
        vertx.executeBlocking(() -> token != null ? authenticator.byToken(token) : authenticator.bySession(cookie), false)
                .onComplete(result -> {
                    if (result.failed()) {
                        LOG.error("cannot check credentials", result.cause());
                        ctx.fail(500, result.cause());
                    } else {
                        decide(ctx, result.result(), token != null ? null : cookie);
                    }
                });
    }

    private void decide(RoutingContext ctx, Optional<Caller> found, String sessionSecret) {
        if (found.isEmpty()) {
            if (sessionSecret != null) {
                SessionCookie.clear(ctx, secureCookies);
                unauthorized(ctx, "the session has ended; log in again");
            } else {
                unauthorized(ctx, "the token is unknown, revoked or expired");
            }
            return;
        }
        Caller caller = found.get();
        caller.attachTo(ctx);
        if (sessionSecret != null && !Permissions.isRead(ctx.request().method())
                && !Secrets.same(Secrets.csrfToken(sessionSecret), ctx.request().getHeader(CSRF_HEADER))) {
            ApiErrors.fail(ctx, 403, "a write with a session cookie needs the " + CSRF_HEADER
                    + " header that login and GET /api/me give");
            return;
        }
        if (!Permissions.allows(caller, ctx.request().method(), ctx.normalizedPath())) {
            ApiErrors.fail(ctx, 403, "the " + caller.role().wire() + " role may not " + ctx.request().method()
                    + " " + ctx.normalizedPath());
            return;
        }
        ctx.next();
    }

    private static void unauthorized(RoutingContext ctx, String message) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"relais\"");
        ApiErrors.fail(ctx, 401, "authentication required: " + message);
    }
}
