package fr.relais.hub.registry;

import fr.relais.hub.web.ApiJson;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The registry's views as the API writes them (sites, nodes, devices, dead letters, commands).
 * They live with the views they shape, so that the HTTP helpers of {@code web} need not know the
 * registry. Times are ISO-8601 UTC texts, or null when never.
 */
public final class RegistryJson {
    private RegistryJson() {
    }

    public static JsonObject site(Views.Site site) {
        return new JsonObject().put("id", site.id()).put("name", site.name()).put("kind", site.kind());
    }

    public static JsonObject node(Views.Node node) {
        return new JsonObject()
                .put("id", node.id())
                .put("site", node.site())
                .put("online", node.online())
                .put("lastSeen", ApiJson.time(node.lastSeen()))
                .put("state", node.state())
                .put("bdSeq", node.bdSeq())
                .put("agentVersion", node.agentVersion())
                .put("configVersion", node.configVersion())
                .put("seqGaps", node.seqGaps())
                .put("seqResets", node.seqResets())
                .put("silent", node.silent())
                .put("metrics", node.metrics() == null ? null : new JsonObject(node.metrics()));
    }

    public static JsonObject device(Views.Device device) {
        return new JsonObject()
                .put("id", device.id())
                .put("node", device.node())
                .put("site", device.site())
                .put("kind", device.kind())
                .put("health", device.health())
                .put("lastSeen", ApiJson.time(device.lastSeen()))
                .put("name", device.name())
                .put("simulated", device.simulated())
                .put("metrics", device.metrics() == null ? null : new JsonObject(device.metrics()));
    }

    public static JsonObject deadLetter(Views.DeadLetter letter) {
        byte[] payload = Base64.getDecoder().decode(letter.payloadBase64());
        return new JsonObject()
                .put("id", letter.id())
                .put("receivedAt", ApiJson.time(letter.receivedAt()))
                .put("topic", letter.topic())
                .put("field", letter.field())
                .put("reason", letter.reason())
                .put("payloadSize", letter.payloadSize())
                .put("payloadTruncated", payload.length < letter.payloadSize())
                .put("payloadText", new String(payload, StandardCharsets.UTF_8))
                .put("payloadBase64", letter.payloadBase64())
                .put("occurrences", letter.occurrences())
                .put("lastReceivedAt", ApiJson.time(letter.lastReceivedAt()));
    }

    public static JsonObject command(Views.Command command) {
        return new JsonObject()
                .put("id", command.id())
                .put("node", command.node())
                .put("site", command.site())
                .put("name", command.name())
                .put("args", new JsonObject(command.args()))
                .put("status", command.status())
                .put("createdAt", ApiJson.time(command.createdAt()))
                .put("sentAt", ApiJson.time(command.sentAt()))
                .put("deliveredAt", ApiJson.time(command.deliveredAt()))
                .put("finishedAt", ApiJson.time(command.finishedAt()))
                .put("deadline", ApiJson.time(command.deadline()))
                .put("replyStatus", command.replyStatus())
                .put("reason", command.reason())
                .put("result", command.result() == null ? null : new JsonObject(command.result()));
    }
}
