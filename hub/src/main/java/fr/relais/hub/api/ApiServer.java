package fr.relais.hub.api;

import fr.relais.hub.command.CommandSender;
import fr.relais.hub.store.RegistryReader;
import fr.relais.hub.store.TelemetryReader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's HTTP side: the REST API under {@code /api} and the technicians' dashboard at
 * {@code /}. Database reads run on worker threads; every error is JSON with a message.
 */
public final class ApiServer {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    static final int DEFAULT_DEAD_LETTER_LIMIT = 100;

    private final Vertx vertx;
    private final RegistryReader registry;
    private final Supplier<IngestStatus> ingestStatus;
    private final CommandRoutes commands;
    private final TelemetryRoutes telemetry;

    public ApiServer(Vertx vertx, RegistryReader registry, Supplier<IngestStatus> ingestStatus,
                     CommandSender commandSender, TelemetryReader telemetryReader) {
        this.vertx = vertx;
        this.registry = registry;
        this.ingestStatus = ingestStatus;
        this.commands = new CommandRoutes(vertx, commandSender, registry);
        this.telemetry = new TelemetryRoutes(vertx, telemetryReader, Clock.systemUTC());
    }

    public Future<HttpServer> listen(String host, int port) {
        return vertx.createHttpServer().requestHandler(router()).listen(port, host);
    }

    Router router() {
        Router router = Router.router(vertx);
        router.get("/api/health").handler(ctx -> ctx.json(new JsonObject().put("status", "ok")));
        router.get("/api/sites").handler(ctx -> reply(ctx, () -> ApiJson.array(registry.sites(), ApiJson::site)));
        router.get("/api/nodes").handler(ctx -> reply(ctx, () -> ApiJson.array(registry.nodes(), ApiJson::node)));
        router.get("/api/devices").handler(ctx -> reply(ctx, () -> ApiJson.array(registry.devices(), ApiJson::device)));
        router.get("/api/dead-letters").handler(this::deadLetters);
        router.get("/api/ingest").handler(ctx -> reply(ctx, () -> ApiJson.ingest(ingestStatus.get())));
        commands.mount(router);
        telemetry.mount(router);
        router.route("/api/*").handler(ctx -> fail(ctx, 404, "no such API route: " + ctx.request().method()
                + " " + ctx.request().path()));
        router.route().handler(StaticHandler.create("webroot").setCachingEnabled(false));
        router.route().handler(ctx -> fail(ctx, 404, "not found: " + ctx.request().path()));
        router.route().failureHandler(this::failure);
        return router;
    }

    private void deadLetters(RoutingContext ctx) {
        Integer limit = limit(ctx, DEFAULT_DEAD_LETTER_LIMIT);
        if (limit != null) {
            reply(ctx, () -> ApiJson.array(registry.deadLetters(limit), ApiJson::deadLetter));
        }
    }

    /** The {@code limit} parameter (1 to 1000), or null once a 400 has been answered. */
    static Integer limit(RoutingContext ctx, int defaultLimit) {
        String asked = ctx.request().getParam("limit");
        if (asked == null) {
            return defaultLimit;
        }
        int limit;
        try {
            limit = Integer.parseInt(asked);
        } catch (NumberFormatException e) {
            fail(ctx, 400, "limit must be a whole number, got '" + asked + "'");
            return null;
        }
        if (limit < 1 || limit > 1000) {
            fail(ctx, 400, "limit must be between 1 and 1000, got " + limit);
            return null;
        }
        return limit;
    }

    private void reply(RoutingContext ctx, Callable<Object> query) {
        vertx.executeBlocking(query).onComplete(result -> {
            if (result.succeeded()) {
                ctx.json(result.result());
            } else {
                ctx.fail(500, result.cause());
            }
        });
    }

    private void failure(RoutingContext ctx) {
        int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
        if (ctx.failure() != null) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
        }
        String message = switch (status) {
            case 404 -> "not found: " + ctx.request().path();
            case 413 -> "the request body is larger than " + CommandRoutes.MAX_BODY_BYTES + " bytes";
            case 500 -> "internal error, see the hub's log";
            default -> "request failed";
        };
        fail(ctx, status, message);
    }

    static void fail(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .end(ApiJson.error(status, message).encode());
    }
}
