package fr.relais.hub.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.hub.db.PageRequest;
import fr.relais.hub.registry.Filters;
import fr.relais.hub.registry.RegistryJson;
import fr.relais.hub.registry.RegistryReader;
import fr.relais.hub.web.ApiErrors;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Ids;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.Map;

/**
 * Opens a door from the dashboard, {@code POST /api/nodes/{node}/devices/{device}/open-door} with
 * {@code {"confirm":true}}: administrators only (see Permissions), audited, sent as the command
 * {@code open-door} (args.device) with a short expiry, so that a node cut off for a while does
 * not open the door long after someone asked. The node logs it as an {@code access-granted}
 * event of reason {@code remote}.
 */
public final class OpenDoorRoutes {
    static final String COMMAND = "open-door";
    /** Past this the node refuses to run it: a door opening later than that surprises everyone. */
    static final Duration EXPIRY = Duration.ofSeconds(30);
    private static final int MAX_BODY_BYTES = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final CommandSender sender;
    private final RegistryReader registry;

    public OpenDoorRoutes(Vertx vertx, CommandSender sender, RegistryReader registry) {
        this.vertx = vertx;
        this.sender = sender;
        this.registry = registry;
    }

    public void mount(Router router) {
        router.post("/api/nodes/:node/devices/:device/open-door")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(this::open);
    }

    private void open(RoutingContext ctx) {
        String node = ctx.pathParam("node");
        String device = ctx.pathParam("device");
        if (!Ids.isValid(node) || !Ids.isValid(device)) {
            ApiErrors.fail(ctx, 400, "node and device are identifiers: " + (Ids.isValid(node) ? "device "
                    + Ids.problem(device) : "node " + Ids.problem(node)));
            return;
        }
        String problem = confirmation(ctx.body().buffer() == null ? null : ctx.body().buffer().getBytes());
        if (problem != null) {
            ApiErrors.fail(ctx, 400, problem);
            return;
        }
        CommandRequest request = new CommandRequest(node, COMMAND, Map.of("device", device), EXPIRY);
        vertx.executeBlocking(() -> {
            if (registry.node(node).isEmpty()) {
                throw new UnknownNodeException(node);
            }
            if (!isDoor(node, device)) {
                return null;
            }
            return RegistryJson.command(sender.send(request));
        }, false).onComplete(result -> {
            if (result.succeeded() && result.result() == null) {
                ApiErrors.fail(ctx, 404, "node '" + node + "' has no door '" + device + "'");
            } else {
                CommandRoutes.answerSent(ctx, result,
                        id -> "open-door " + device + " on " + node + ", command " + id);
            }
        });
    }

    /** The node's birth lists that device as a door (its relay is what opens). */
    private boolean isDoor(String node, String device) throws Exception {
        return registry.devices(new Filters.Devices(null, node, DeviceKind.DOOR.wire(), null),
                PageRequest.first(PageRequest.MAX_LIMIT)).rows().stream().anyMatch(door -> door.id().equals(device));
    }

    /** Null when the body is {@code {"confirm":true}}, else what is wrong with it. */
    static String confirmation(byte[] body) {
        String expected = "the body must be {\"confirm\":true}: opening a door is confirmed explicitly";
        if (body == null || body.length == 0) {
            return expected;
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return "the body is not JSON; " + expected;
        } catch (java.io.IOException e) {
            return expected;
        }
        if (root == null || !root.isObject() || !root.path("confirm").isBoolean() || !root.path("confirm").booleanValue()) {
            return expected;
        }
        if (root.size() != 1) {
            return "unknown field besides confirm; " + expected;
        }
        return null;
    }
}
