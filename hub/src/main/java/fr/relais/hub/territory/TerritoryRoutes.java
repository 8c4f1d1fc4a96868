package fr.relais.hub.territory;

import fr.relais.hub.auth.Caller;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/territory}: the dashboard's first screen, filtered to what the caller may see. */
public final class TerritoryRoutes {
    private final Vertx vertx;
    private final TerritoryView view;

    public TerritoryRoutes(Vertx vertx, TerritoryView view) {
        this.vertx = vertx;
        this.view = view;
    }

    public void mount(Router router) {
        router.get("/api/territory").handler(this::territory);
    }

    private void territory(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        vertx.executeBlocking(() -> view.territory(caller), false).onComplete(result -> {
            if (result.succeeded()) {
                ctx.response().putHeader("content-type", "application/json; charset=utf-8")
                        .end(result.result().encode());
            } else {
                ctx.fail(500, result.cause());
            }
        });
    }
}
