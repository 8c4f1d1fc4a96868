package fr.relais.hub.web;

import fr.relais.hub.api.IngestStatus;
import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.registry.Views;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** The JSON shapes of the API. Times are ISO-8601 UTC texts, or null when never. */
public final class ApiJson {
    private ApiJson() {
    }

    public static <T> JsonArray array(List<T> rows, Function<T, JsonObject> shape) {
        JsonArray array = new JsonArray();
        rows.forEach(row -> array.add(shape.apply(row)));
        return array;
    }

    public static JsonObject site(Views.Site site) {
        return new JsonObject().put("id", site.id()).put("name", site.name()).put("kind", site.kind());
    }

    public static JsonObject node(Views.Node node) {
        return new JsonObject()
                .put("id", node.id())
                .put("site", node.site())
                .put("online", node.online())
                .put("lastSeen", time(node.lastSeen()))
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
                .put("lastSeen", time(device.lastSeen()))
                .put("name", device.name())
                .put("simulated", device.simulated())
                .put("metrics", device.metrics() == null ? null : new JsonObject(device.metrics()));
    }

    public static JsonObject deadLetter(Views.DeadLetter letter) {
        byte[] payload = Base64.getDecoder().decode(letter.payloadBase64());
        return new JsonObject()
                .put("id", letter.id())
                .put("receivedAt", time(letter.receivedAt()))
                .put("topic", letter.topic())
                .put("field", letter.field())
                .put("reason", letter.reason())
                .put("payloadSize", letter.payloadSize())
                .put("payloadTruncated", payload.length < letter.payloadSize())
                .put("payloadText", new String(payload, StandardCharsets.UTF_8))
                .put("payloadBase64", letter.payloadBase64())
                .put("occurrences", letter.occurrences())
                .put("lastReceivedAt", time(letter.lastReceivedAt()));
    }

    public static JsonObject command(Views.Command command) {
        return new JsonObject()
                .put("id", command.id())
                .put("node", command.node())
                .put("site", command.site())
                .put("name", command.name())
                .put("args", new JsonObject(command.args()))
                .put("status", command.status())
                .put("createdAt", time(command.createdAt()))
                .put("sentAt", time(command.sentAt()))
                .put("deliveredAt", time(command.deliveredAt()))
                .put("finishedAt", time(command.finishedAt()))
                .put("deadline", time(command.deadline()))
                .put("replyStatus", command.replyStatus())
                .put("reason", command.reason())
                .put("result", command.result() == null ? null : new JsonObject(command.result()));
    }

    public static JsonObject ingest(IngestStatus status) {
        IngestStats.Snapshot since = status.sinceStart();
        Views.Totals totals = status.stored();
        return new JsonObject()
                .put("mqttConnected", status.mqttConnected())
                .put("queued", status.queued())
                .put("sinceStart", new JsonObject()
                        .put("received", since.received())
                        .put("stored", since.stored())
                        .put("duplicatesDropped", since.duplicates())
                        .put("deadLetters", since.deadLetters())
                        .put("staleStates", since.staleStates())
                        .put("storageRetries", since.storageRetries()))
                .put("stored", new JsonObject()
                        .put("telemetry", totals.telemetry())
                        .put("events", totals.events())
                        .put("deadLetters", totals.deadLetters())
                        .put("seqGaps", totals.seqGaps())
                        .put("seqResets", totals.seqResets()))
                .put("storage", storage(status.storage()));
    }

    /** Whether the database stores what the hub receives; while it fails, the messages wait at the broker. */
    private static JsonObject storage(IngestStats.StorageStatus storage) {
        return new JsonObject()
                .put("failing", storage.failing())
                .put("failingSince", time(storage.failingSince()))
                .put("lastError", storage.lastError())
                .put("lastRecoveredAt", time(storage.lastRecoveredAt()))
                .put("outages", storage.outages());
    }

    public static JsonObject error(int status, String message) {
        return new JsonObject().put("status", status).put("error", message);
    }

    private static String time(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
    }
}
