package fr.relais.hub.auth;

import fr.relais.hub.web.ApiErrors;
import fr.relais.hub.web.JsonBody;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Logging in and out, and who one is: {@code /api/login}, {@code /api/logout}, {@code /api/me}. */
final class SessionRoutes {
    private static final String WRONG = "wrong username or password";

    private final Authenticator authenticator;
    private final LoginLimiter limiter;
    private final AuthSettings settings;

    SessionRoutes(Authenticator authenticator, LoginLimiter limiter, AuthSettings settings) {
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.settings = settings;
    }

    void mount(Router router) {
        router.post("/api/login").handler(this::login);
        router.post("/api/logout").handler(this::logout);
        router.get("/api/me").handler(this::me);
        router.post("/api/me/password").handler(this::changePassword);
    }

    private void login(RoutingContext ctx) {
        String username;
        String password;
        try {
            JsonBody body = JsonBody.of(ctx, Set.of("username", "password"));
            username = body.text("username", true);
            password = body.text("password", true);
        } catch (JsonBody.Invalid e) {
            Audit.summary(ctx, "login refused: " + e.getMessage());
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        }
        Audit.attempted(ctx, username);
        String client = ClientAddress.of(ctx);
        if (limited(ctx, username, client)) {
            return;
        }
        String previous = SessionCookie.read(ctx);
        limitedWork(ctx, username, client, () -> authenticator.login(username, password, previous), login -> {
            if (login.isEmpty()) {
                Audit.summary(ctx, "login failed");
                ApiErrors.fail(ctx, 401, WRONG);
                return;
            }
            limiter.succeeded(username, client);
            Authenticator.Login session = login.get();
            Audit.summary(ctx, "logged in");
            SessionCookie.set(ctx, session.sessionSecret(), settings.sessionLifetime().toSeconds(),
                    settings.secureCookies());
            ctx.json(AuthJson.account(session.account())
                    .put("csrfToken", session.csrfToken())
                    .put("expiresAt", AuthJson.time(session.expiresAt())));
        });
    }

    private void changePassword(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        String current;
        String replacement;
        try {
            JsonBody body = JsonBody.of(ctx, Set.of("currentPassword", "newPassword"));
            current = body.text("currentPassword", true);
            replacement = body.text("newPassword", true);
            if (Passwords.problem(replacement) != null) {
                throw new JsonBody.Invalid(Passwords.problem(replacement));
            }
        } catch (JsonBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        }
        String client = ClientAddress.of(ctx);
        // The current password is guessed here as at login, so it is limited the same way.
        if (limited(ctx, caller.username(), client)) {
            return;
        }
        limitedWork(ctx, caller.username(), client, () -> authenticator.changePassword(caller.username(), current,
                replacement), changed -> {
            if (!changed) {
                Audit.summary(ctx, "password change refused: wrong current password");
                ApiErrors.fail(ctx, 403, "the current password is wrong");
                return;
            }
            limiter.succeeded(caller.username(), client);
            Audit.summary(ctx, "password changed; sessions and tokens ended");
            SessionCookie.clear(ctx, settings.secureCookies());
            ctx.response().setStatusCode(204).end();
        });
    }

    /** Takes the attempt before any BCrypt work; answers 429 with Retry-After if this client must wait. */
    private boolean limited(RoutingContext ctx, String username, String client) {
        var wait = limiter.take(username, client);
        if (wait.isEmpty()) {
            return false;
        }
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        Audit.summary(ctx, "refused: too many failed passwords");
        ctx.response().putHeader("Retry-After", Long.toString(seconds));
        ApiErrors.fail(ctx, 429, "too many failed logins; try again in " + seconds + " s");
        return true;
    }

    /** {@link #blocking}, giving the attempt back if it could not be judged (a database error). */
    private <T> void limitedWork(RoutingContext ctx, String username, String client, Callable<T> work,
                                 Consumer<T> then) {
        ctx.vertx().executeBlocking(work, false).onComplete(result -> {
            if (result.succeeded()) {
                then.accept(result.result());
            } else {
                limiter.gaveBack(username, client);
                ctx.fail(500, result.cause());
            }
        });
    }

    private void logout(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        blocking(ctx, () -> {
            authenticator.logout(caller);
            return caller;
        }, done -> {
            Audit.summary(ctx, caller.via() == Caller.Via.SESSION ? "logged out" : "logout with a token: nothing to end");
            SessionCookie.clear(ctx, settings.secureCookies());
            ctx.response().setStatusCode(204).end();
        });
    }

    private void me(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        JsonObject me = AuthJson.caller(caller);
        if (caller.via() == Caller.Via.SESSION) {
            // A reloaded dashboard page has lost the token login gave: it asks again here.
            me.put("csrfToken", Secrets.csrfToken(SessionCookie.read(ctx)));
        }
        ctx.json(me);
    }

    /** Runs JDBC or BCrypt work on a worker, unordered so that one login does not hold other requests. */
    static <T> void blocking(RoutingContext ctx, Callable<T> work, Consumer<T> then) {
        ctx.vertx().executeBlocking(work, false).onComplete(result -> {
            if (result.succeeded()) {
                then.accept(result.result());
            } else {
                ctx.fail(500, result.cause());
            }
        });
    }
}
