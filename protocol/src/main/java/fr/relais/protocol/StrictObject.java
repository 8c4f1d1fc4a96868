package fr.relais.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads one JSON object field by field and refuses what does not fit: a missing or mistyped
 * field, or a field this schema does not know. Every error names the field by its path.
 */
final class StrictObject {
    private final ObjectNode node;
    private final String path;
    private final Set<String> read = new HashSet<>();

    private StrictObject(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static StrictObject of(JsonNode node, String path) throws InvalidMessageException {
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidMessageException(path, "must be a JSON object, got " + describe(node));
        }
        return new StrictObject(object, path);
    }

    String field(String name) {
        return path.equals("payload") ? name : path + "." + name;
    }

    private JsonNode required(String name) throws InvalidMessageException {
        read.add(name);
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new InvalidMessageException(field(name), "is required");
        }
        return value;
    }

    private Optional<JsonNode> optional(String name) {
        read.add(name);
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    String text(String name) throws InvalidMessageException {
        return asText(name, required(name));
    }

    Optional<String> optionalText(String name) throws InvalidMessageException {
        Optional<JsonNode> value = optional(name);
        return value.isEmpty() ? Optional.empty() : Optional.of(asText(name, value.get()));
    }

    String id(String name) throws InvalidMessageException {
        return checkId(name, text(name));
    }

    Optional<String> optionalId(String name) throws InvalidMessageException {
        Optional<String> id = optionalText(name);
        if (id.isPresent()) {
            checkId(name, id.get());
        }
        return id;
    }

    long nonNegativeLong(String name) throws InvalidMessageException {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidMessageException(field(name), "must be an integer, got " + describe(value));
        }
        long number = value.longValue();
        if (number < 0) {
            throw new InvalidMessageException(field(name), "must be >= 0, got " + number);
        }
        return number;
    }

    boolean bool(String name, boolean defaultValue) throws InvalidMessageException {
        Optional<JsonNode> value = optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        if (!value.get().isBoolean()) {
            throw new InvalidMessageException(field(name), "must be true or false, got " + describe(value.get()));
        }
        return value.get().booleanValue();
    }

    Instant instant(String name) throws InvalidMessageException {
        String text = text(name);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidMessageException(field(name),
                    "'" + text + "' is not an ISO-8601 UTC instant such as 2026-11-28T09:30:00Z");
        }
    }

    UUID uuid(String name) throws InvalidMessageException {
        String text = text(name);
        try {
            UUID uuid = UUID.fromString(text);
            if (!uuid.toString().equals(text.toLowerCase())) {
                throw new IllegalArgumentException("not canonical");
            }
            return uuid;
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException(field(name), "'" + text + "' is not a UUID in canonical form");
        }
    }

    <E extends Enum<E> & WireValue> E choice(String name, Class<E> type) throws InvalidMessageException {
        String text = text(name);
        E value = WireValue.fromWire(type, text);
        if (value == null) {
            throw new InvalidMessageException(field(name),
                    "'" + text + "' is not one of: " + WireValue.choices(type));
        }
        return value;
    }

    StrictObject object(String name) throws InvalidMessageException {
        return of(required(name), field(name));
    }

    List<StrictObject> objects(String name, int maxSize) throws InvalidMessageException {
        JsonNode value = required(name);
        if (!value.isArray()) {
            throw new InvalidMessageException(field(name), "must be an array, got " + describe(value));
        }
        if (value.size() > maxSize) {
            throw new InvalidMessageException(field(name), "at most " + maxSize + " entries, got " + value.size());
        }
        List<StrictObject> objects = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            objects.add(of(value.get(i), field(name) + "[" + i + "]"));
        }
        return objects;
    }

    /** A flat object of scalar values (metrics, event data). Absent means empty. */
    Map<String, Object> scalars(String name) throws InvalidMessageException {
        Optional<JsonNode> value = optional(name);
        if (value.isEmpty()) {
            return Map.of();
        }
        StrictObject object = of(value.get(), field(name));
        if (object.node.size() > Metrics.MAX_ENTRIES) {
            throw new InvalidMessageException(field(name),
                    "at most " + Metrics.MAX_ENTRIES + " entries, got " + object.node.size());
        }
        Map<String, Object> scalars = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object.node.properties()) {
            String key = entry.getKey();
            String problem = Metrics.nameProblem(key);
            Object scalar = scalar(entry.getValue());
            if (problem == null) {
                problem = scalar == null
                        ? "must be a number, a boolean or a text, got " + describe(entry.getValue())
                        : Metrics.valueProblem(scalar);
            }
            if (problem != null) {
                throw new InvalidMessageException(object.field(key), problem);
            }
            scalars.put(key, scalar);
        }
        return scalars;
    }

    /** A free-form JSON object (command arguments and results). Absent means empty. */
    Map<String, Object> freeObject(String name, Function<JsonNode, Map<String, Object>> convert)
            throws InvalidMessageException {
        Optional<JsonNode> value = optional(name);
        if (value.isEmpty()) {
            return Map.of();
        }
        of(value.get(), field(name));
        if (depth(value.get()) > JsonValues.MAX_DEPTH) {
            throw new InvalidMessageException(field(name), "nested deeper than " + JsonValues.MAX_DEPTH + " levels");
        }
        return convert.apply(value.get());
    }

    /** Refuses the fields that were never read: this schema does not know them. */
    void finish() throws InvalidMessageException {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!read.contains(entry.getKey())) {
                throw new InvalidMessageException(field(entry.getKey()), "unknown field");
            }
        }
    }

    private String asText(String name, JsonNode value) throws InvalidMessageException {
        if (!value.isTextual()) {
            throw new InvalidMessageException(field(name), "must be a text, got " + describe(value));
        }
        String text = value.textValue();
        if (text.length() > Metrics.MAX_STRING_LENGTH) {
            throw new InvalidMessageException(field(name), "longer than " + Metrics.MAX_STRING_LENGTH + " characters");
        }
        return text;
    }

    private String checkId(String name, String id) throws InvalidMessageException {
        String problem = Ids.problem(id);
        if (problem != null) {
            throw new InvalidMessageException(field(name), problem);
        }
        return id;
    }

    private static Object scalar(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber() && !value.isIntegralNumber()) {
            return value.doubleValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        return null;
    }

    private static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return deepest + (node.isContainerNode() ? 1 : 0);
    }

    static String describe(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "the text '" + node.textValue() + "'";
        }
        if (node.isIntegralNumber() && !node.canConvertToLong()) {
            return "a number too large";
        }
        return node.getNodeType().name().toLowerCase() + " " + node;
    }
}
