package fr.relais.kiosk.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import fr.relais.protocol.content.InvalidContentException;
import fr.relais.protocol.content.PlaceContent;
import fr.relais.protocol.content.PlaceContentCodec;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the agent's answers. The content itself goes through the protocol's strict
 * {@link PlaceContentCodec}: a document it refuses is an {@link AgentException}, and the kiosk keeps
 * showing the last good one.
 */
final class AgentJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AgentJson() {
    }

    static JsonNode parse(byte[] body) throws AgentException {
        if (body == null || body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode tree = JSON.readTree(body);
            return tree == null ? MissingNode.getInstance() : tree;
        } catch (IOException e) {
            throw new AgentException("the agent answered something that is not JSON (" + body.length + " bytes)");
        }
    }

    static AgentReplies.Status status(JsonNode json) throws AgentException {
        return new AgentReplies.Status(json.path("node").asText(null), json.path("site").asText(null),
                linkUp(json), instant(json.path("refreshedAt")),
                json.path("contentVersion").isNumber() ? json.path("contentVersion").asLong() : null);
    }

    static AgentReplies.Content content(JsonNode json) throws AgentException {
        JsonNode content = json.path("content");
        PlaceContent decoded = null;
        if (content.isObject()) {
            try {
                decoded = PlaceContentCodec.decode(JSON.writeValueAsBytes(content));
            } catch (InvalidContentException | IOException e) {
                throw new AgentException(e.getMessage());
            }
        }
        return new AgentReplies.Content(instant(json.path("refreshedAt")), linkUp(json), decoded);
    }

    static List<AgentReplies.Device> devices(JsonNode json) throws AgentException {
        JsonNode items = json.path("items");
        if (!items.isArray()) {
            throw new AgentException("devices: no items list");
        }
        List<AgentReplies.Device> devices = new ArrayList<>();
        for (JsonNode item : items) {
            List<String> reasons = new ArrayList<>();
            item.path("reasons").forEach(reason -> reasons.add(reason.asText()));
            Map<String, String> metrics = new LinkedHashMap<>();
            item.path("metrics").fields().forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asText()));
            String id = item.path("id").asText("");
            devices.add(new AgentReplies.Device(id, item.path("kind").asText("unknown"),
                    item.path("name").asText(id), item.path("health").asText("unknown"), reasons, metrics,
                    item.path("simulated").asBoolean(false)));
        }
        return devices;
    }

    static AgentReplies.Ticket ticket(JsonNode json) throws AgentException {
        if (!json.path("number").canConvertToInt() || !json.path("label").isTextual()) {
            throw new AgentException("ticket: no number or label in the answer");
        }
        JsonNode wait = json.path("estimatedWaitMinutes");
        return new AgentReplies.Ticket(json.path("ticket").asText(null), json.path("number").asInt(),
                json.path("label").asText(), json.path("topic").asText(null), json.path("ahead").asInt(0),
                wait.isNumber() ? wait.asInt() : null, json.path("printed").asBoolean(false));
    }

    static AgentReplies.Action action(JsonNode json) throws AgentException {
        String state = json.path("state").asText(null);
        if (state == null) {
            throw new AgentException("action: no state in the answer");
        }
        return new AgentReplies.Action(json.path("action").asText(null), state, json.path("code").asText(null),
                json.path("message").asText(null), json.path("member").asText(null));
    }

    static AgentReplies.BadgeReads badgeReads(JsonNode json) throws AgentException {
        List<AgentReplies.BadgeRead> reads = new ArrayList<>();
        for (JsonNode item : json.path("items")) {
            Instant at = instant(item.path("at"));
            if (item.path("read").isTextual() && at != null) {
                reads.add(new AgentReplies.BadgeRead(item.path("seq").asLong(), item.path("read").asText(), at));
            }
        }
        return new AgentReplies.BadgeReads(reads, json.path("last").asLong(0));
    }

    private static boolean linkUp(JsonNode json) {
        return "up".equals(json.path("link").asText());
    }

    private static Instant instant(JsonNode node) throws AgentException {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(node.asText());
            } catch (DateTimeParseException again) {
                throw new AgentException("'" + node.asText() + "' is not an ISO-8601 time");
            }
        }
    }
}
