package fr.relais.hub.auth;

import fr.relais.hub.web.ApiErrors;
import fr.relais.hub.web.JsonBody;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Bearer tokens for scripts: {@code POST /api/tokens} shows the new token once (valid 90 days unless
 * asked otherwise), {@code GET} lists them with their last use (an admin sees everyone's),
 * {@code DELETE /api/tokens/{id}} revokes one.
 */
final class TokenRoutes {
    static final int MAX_EXPIRY_DAYS = 3650;
    /** A token asked for without an expiry ends after this: a forgotten script's token does not live forever. */
    static final int DEFAULT_EXPIRY_DAYS = 90;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._:/@'()-]{1,64}");

    private final Authenticator authenticator;
    private final TokenStore tokens;

    TokenRoutes(Authenticator authenticator, TokenStore tokens) {
        this.authenticator = authenticator;
        this.tokens = tokens;
    }

    void mount(Router router) {
        router.post("/api/tokens").handler(this::create);
        router.get("/api/tokens").handler(this::list);
        router.delete("/api/tokens/:id").handler(this::delete);
    }

    private void create(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        String name;
        Integer days;
        try {
            JsonBody body = JsonBody.of(ctx, Set.of("name", "expiresInDays"));
            name = body.text("name", true);
            days = body.whole("expiresInDays", 1, MAX_EXPIRY_DAYS);
        } catch (JsonBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        }
        if (!NAME.matcher(name).matches()) {
            ApiErrors.fail(ctx, 400, "name must be 1 to 64 letters, digits, spaces or . _ : / @ ' ( ) -");
            return;
        }
        Duration lifetime = Duration.ofDays(days == null ? DEFAULT_EXPIRY_DAYS : days);
        SessionRoutes.blocking(ctx, () -> authenticator.createToken(caller.username(), name, lifetime), created -> {
            Audit.summary(ctx, "token '" + name + "' created (" + created.token().id() + ")");
            ctx.response().setStatusCode(201).putHeader("content-type", "application/json; charset=utf-8")
                    .end(AuthJson.token(created.token()).put("token", created.secret()).encode());
        });
    }

    private void list(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        SessionRoutes.blocking(ctx, () -> caller.role() == Role.ADMIN ? tokens.all() : tokens.of(caller.username()),
                found -> ctx.json(AuthJson.array(found, AuthJson::token)));
    }

    private void delete(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("id");
        SessionRoutes.blocking(ctx, () -> tokens.find(id)
                .filter(token -> caller.role() == Role.ADMIN || token.username().equals(caller.username()))
                .map(token -> tokens.delete(token.id()) ? token : null), deleted -> {
                    if (deleted.isEmpty()) {
                        // Someone else's token is as unknown as a missing one: ids are not revealed.
                        ApiErrors.fail(ctx, 404, "no token " + id + " of yours");
                        return;
                    }
                    Audit.summary(ctx, "token '" + deleted.get().name() + "' of " + deleted.get().username() + " revoked");
                    ctx.response().setStatusCode(204).end();
                });
    }
}
