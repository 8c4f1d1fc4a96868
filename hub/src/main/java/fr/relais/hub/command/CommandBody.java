package fr.relais.hub.command;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import fr.relais.protocol.JsonValues;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of {@code POST /api/nodes/{id}/commands}, as strictly as the protocol reads
 * messages: a misspelt field must be an error, not a silently ignored option.
 */
final class CommandBody {
    private static final Set<String> FIELDS = Set.of("name", "args", "timeoutSeconds");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(JsonValues.MAX_DEPTH + 4).build());
    }

    /** A body the API refuses, with the message for the technician. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    private CommandBody() {
    }

    static CommandRequest parse(String node, byte[] body) throws Invalid {
        JsonNode root = read(body);
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw new Invalid("unknown field '" + field.getKey() + "': a command has name, args and timeoutSeconds");
            }
        }
        JsonNode name = root.path("name");
        if (!name.isTextual()) {
            throw new Invalid("name is required and must be a text, such as \"ping\"");
        }
        Map<String, Object> args = Map.of();
        if (root.has("args")) {
            if (!root.get("args").isObject()) {
                throw new Invalid("args must be a JSON object, got " + root.get("args").getNodeType().name().toLowerCase());
            }
            args = object(root.get("args"), "args");
        }
        long timeout = CommandRequest.DEFAULT_TIMEOUT.toSeconds();
        if (root.has("timeoutSeconds")) {
            JsonNode asked = root.get("timeoutSeconds");
            if (!asked.isIntegralNumber() || !asked.canConvertToLong()) {
                throw new Invalid("timeoutSeconds must be a whole number of seconds, got " + asked);
            }
            timeout = asked.longValue();
        }
        try {
            return new CommandRequest(node, name.textValue(), args, Duration.ofSeconds(timeout));
        } catch (IllegalArgumentException e) {
            throw new Invalid(e.getMessage());
        }
    }

    private static JsonNode read(byte[] body) throws Invalid {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Invalid("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Invalid("the body cannot be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new Invalid("the body must be a JSON object such as {\"name\":\"ping\"}, got nothing");
        }
        if (!root.isObject()) {
            throw new Invalid("the body must be a JSON object, got " + root.getNodeType().name().toLowerCase());
        }
        return root;
    }

    /** JSON as the protocol's plain values, so that no JSON library reaches the domain. */
    private static Map<String, Object> object(JsonNode json, String path) throws Invalid {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            values.put(field.getKey(), value(field.getValue(), path + "." + field.getKey()));
        }
        return values;
    }

    private static Object value(JsonNode json, String path) throws Invalid {
        if (json.isObject()) {
            return object(json, path);
        }
        if (json.isArray()) {
            List<Object> values = new ArrayList<>(json.size());
            for (int i = 0; i < json.size(); i++) {
                values.add(value(json.get(i), path + "[" + i + "]"));
            }
            return values;
        }
        if (json.isIntegralNumber()) {
            if (!json.canConvertToLong()) {
                throw new Invalid(path + ": " + json + " is too large a whole number");
            }
            return json.longValue();
        }
        if (json.isNumber()) {
            return json.doubleValue();
        }
        if (json.isTextual()) {
            return json.textValue();
        }
        if (json.isBoolean()) {
            return json.booleanValue();
        }
        return null;
    }
}
