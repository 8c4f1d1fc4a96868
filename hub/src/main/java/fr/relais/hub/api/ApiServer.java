package fr.relais.hub.api;

import fr.relais.hub.auth.Auth;
import fr.relais.hub.auth.Caller;
import fr.relais.hub.command.CommandSender;
import fr.relais.hub.store.RegistryReader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
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
    private final Auth auth;

    public ApiServer(Vertx vertx, RegistryReader registry, Supplier<IngestStatus> ingestStatus,
                     CommandSender commandSender, Auth auth) {
        this.vertx = vertx;
        this.registry = registry;
        this.ingestStatus = ingestStatus;
        this.commands = new CommandRoutes(vertx, commandSender, registry);
        this.auth = auth;
    }

    public Future<HttpServer> listen(String host, int port) {
        return vertx.createHttpServer().requestHandler(router()).listen(port, host);
    }

    Router router() {
        Router router = Router.router(vertx);
        auth.mount(router); // first: every /api route below needs credentials, but for a short public list
        router.get("/api/health").handler(ctx -> ctx.json(new JsonObject().put("status", "ok")));
        // A viewer sees their own site only: the lists are filtered by the caller.
        router.get("/api/sites").handler(ctx -> reply(ctx, () -> ApiJson.array(registry.sites().stream()
                .filter(site -> Caller.of(ctx).sees(site.id())).toList(), ApiJson::site)));
        router.get("/api/nodes").handler(ctx -> reply(ctx, () -> ApiJson.array(registry.nodes().stream()
                .filter(node -> Caller.of(ctx).sees(node.site())).toList(), ApiJson::node)));
        router.get("/api/devices").handler(ctx -> reply(ctx, () -> ApiJson.array(registry.devices().stream()
                .filter(device -> Caller.of(ctx).sees(device.site())).toList(), ApiJson::device)));
        router.get("/api/dead-letters").handler(this::deadLetters);
        router.get("/api/ingest").handler(ctx -> reply(ctx, () -> ApiJson.ingest(ingestStatus.get())));
        commands.mount(router);
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
    public static Integer limit(RoutingContext ctx, int defaultLimit) {
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
            case 413 -> "the request body is too large for this route";
            case 500 -> "internal error, see the hub's log";
            default -> "request failed";
        };
        fail(ctx, status, message);
    }

    /** Answers with the API's JSON error, unless an answer was sent already. */
    public static void fail(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .end(ApiJson.error(status, message).encode());
    }
}
