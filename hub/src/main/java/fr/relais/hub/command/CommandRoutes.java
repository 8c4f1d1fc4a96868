package fr.relais.hub.command;

import fr.relais.hub.auth.Audit;
import fr.relais.hub.auth.Caller;
import fr.relais.hub.registry.CommandStatus;
import fr.relais.hub.registry.Filters;
import fr.relais.hub.registry.RegistryJson;
import fr.relais.hub.registry.RegistryReader;
import fr.relais.hub.web.ApiErrors;
import fr.relais.hub.web.PagedReply;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The command routes: send one to a node, follow it, list a node's recent ones. */
public final class CommandRoutes {
    /**
     * A command's parameters, not a file transfer. Small enough that the command published from
     * it stays far below the protocol's payload limit, whatever the JSON's spelling.
     */
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int DEFAULT_LIMIT = 50;
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Vertx vertx;
    private final CommandSender sender;
    private final RegistryReader registry;

    public CommandRoutes(Vertx vertx, CommandSender sender, RegistryReader registry) {
        this.vertx = vertx;
        this.sender = sender;
        this.registry = registry;
    }

    public void mount(Router router) {
        router.post("/api/nodes/:id/commands")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(this::send);
        router.get("/api/nodes/:id/commands").handler(this::ofNode);
        router.get("/api/commands/:id").handler(this::one);
    }

    private void send(RoutingContext ctx) {
        CommandRequest request;
        try {
            request = CommandBody.parse(ctx.pathParam("id"), ctx.body().buffer() == null ? null
                    : ctx.body().buffer().getBytes());
        } catch (CommandBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        }
        vertx.executeBlocking(() -> RegistryJson.command(sender.send(request)), false).onComplete(result ->
                answerSent(ctx, result, id -> "command " + request.name() + " " + id + " to " + request.node()));
    }

    /**
     * Answers a command handed to the sender: 202 with the command and its {@code Location},
     * audited with {@code summary} of its id; 404 for an unknown node, 503 without the broker.
     */
    static void answerSent(RoutingContext ctx, AsyncResult<JsonObject> result, Function<String, String> summary) {
        if (result.succeeded()) {
            JsonObject command = result.result();
            Audit.summary(ctx, summary.apply(command.getString("id")));
            ctx.response().setStatusCode(202)
                    .putHeader("location", "/api/commands/" + command.getString("id"))
                    .putHeader("content-type", "application/json; charset=utf-8")
                    .end(command.encode());
        } else if (result.cause() instanceof UnknownNodeException unknown) {
            ApiErrors.fail(ctx, 404, unknown.getMessage());
        } else if (result.cause() instanceof BrokerUnavailableException unavailable) {
            ApiErrors.fail(ctx, 503, unavailable.getMessage());
        } else {
            ctx.fail(500, result.cause());
        }
    }

    private void ofNode(RoutingContext ctx) {
        String node = ctx.pathParam("id");
        Caller caller = Caller.of(ctx);
        PagedReply.send(vertx, ctx, Set.of("name", "status"), DEFAULT_LIMIT, params -> {
            Filters.Commands filter = new Filters.Commands(node, params.id("name"), params.choice("status",
                    Arrays.stream(CommandStatus.values()).map(CommandStatus::wire).toList()));
            return page -> {
                // Another site's node is as unknown to a viewer as a missing one.
                if (registry.node(node).filter(known -> caller.sees(known.site())).isEmpty()) {
                    throw new PagedReply.NotFound("no node '" + node + "' is known to the hub");
                }
                return registry.commands(filter, page);
            };
        }, RegistryJson::command);
    }

    private void one(RoutingContext ctx) {
        String asked = ctx.pathParam("id");
        if (!UUID_TEXT.matcher(asked).matches()) {
            ApiErrors.fail(ctx, 400, "a command id is a UUID, got '" + asked + "'");
            return;
        }
        UUID id = UUID.fromString(asked);
        Caller caller = Caller.of(ctx);
        vertx.executeBlocking(() -> registry.command(id).filter(command -> caller.sees(command.site()))
                .map(RegistryJson::command).orElse(null), false).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(500, result.cause());
            } else if (result.result() == null) {
                ApiErrors.fail(ctx, 404, "no command " + id);
            } else {
                ctx.json(result.result());
            }
        });
    }
}
