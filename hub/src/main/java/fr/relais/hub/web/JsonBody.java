package fr.relais.hub.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * A request body read strictly: a JSON object whose fields are all known, without duplicates,
 * so that a misspelt field is an error rather than a silently ignored setting.
 */
public final class JsonBody {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    /** A body refused, with the message for the caller. Never repeats a value: it may be a password. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        public Invalid(String message) {
            super(message);
        }
    }

    public static JsonBody of(RoutingContext ctx, Set<String> fields) throws Invalid {
        byte[] bytes = ctx.body() == null || ctx.body().buffer() == null ? null : ctx.body().buffer().getBytes();
        JsonNode root;
        try {
            root = bytes == null || bytes.length == 0 ? null : JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            // The parser's message quotes the input, which may be a password: say where, not what.
            throw new Invalid(e.getLocation() == null ? "the body is not valid JSON"
                    : "the body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new Invalid("the body cannot be read");
        }
        if (root == null || root.isMissingNode()) {
            throw new Invalid("the body must be a JSON object with " + String.join(", ", fields) + ", got nothing");
        }
        if (!root.isObject()) {
            throw new Invalid("the body must be a JSON object, got " + root.getNodeType().name().toLowerCase());
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!fields.contains(field.getKey())) {
                throw new Invalid("unknown field '" + field.getKey() + "'; expected " + String.join(", ", fields));
            }
        }
        return new JsonBody(root);
    }

    /** A text field, or null if absent; required ones refuse null. */
    public String text(String name, boolean required) throws Invalid {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw new Invalid(name + " is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new Invalid(name + " must be a text");
        }
        return value.textValue();
    }

    public Integer whole(String name, int min, int max) throws Invalid {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            throw new Invalid(name + " must be a whole number between " + min + " and " + max);
        }
        return value.intValue();
    }

    public Boolean bool(String name) throws Invalid {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new Invalid(name + " must be true or false");
        }
        return value.booleanValue();
    }
}
