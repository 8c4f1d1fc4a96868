package fr.relais.protocol.json;

import fr.relais.protocol.Ids;
import fr.relais.protocol.JsonValues;
import fr.relais.protocol.Metrics;
import fr.relais.protocol.WireValue;
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
 * Reads one JSON (or YAML) object field by field and refuses what does not fit: a missing or
 * mistyped field, or a field this schema does not know. Every error names the field by its
 * path. Used for MQTT payloads, configuration files and inventories alike.
 */
public final class StrictObject {
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    private final ObjectNode node;
    private final String path;
    private final Set<String> read = new HashSet<>();

    private StrictObject(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /**
     * The top-level object of a document. {@code documentName} (such as {@code payload})
     * names the document in the error when it is not an object at all.
     */
    public static StrictObject root(JsonNode node, String documentName) throws FieldException {
        if (!(node instanceof ObjectNode object)) {
            throw new FieldException(documentName, "must be an object, got " + describe(node));
        }
        return new StrictObject(object, "");
    }

    private static StrictObject of(JsonNode node, String path) throws FieldException {
        if (!(node instanceof ObjectNode object)) {
            throw new FieldException(path, "must be an object, got " + describe(node));
        }
        return new StrictObject(object, path);
    }

    /** The path of a field of this object, for error messages. */
    public String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** Whether the field is present and not null; an explicit null counts as absent. */
    public boolean has(String name) {
        read.add(name);
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    private JsonNode required(String name) throws FieldException {
        read.add(name);
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new FieldException(field(name), "is required");
        }
        return value;
    }

    private Optional<JsonNode> optional(String name) {
        read.add(name);
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    public String text(String name) throws FieldException {
        return asText(name, required(name));
    }

    public Optional<String> optionalText(String name) throws FieldException {
        Optional<JsonNode> value = optional(name);
        return value.isEmpty() ? Optional.empty() : Optional.of(asText(name, value.get()));
    }

    public String id(String name) throws FieldException {
        return checkId(name, text(name));
    }

    public Optional<String> optionalId(String name) throws FieldException {
        Optional<String> id = optionalText(name);
        if (id.isPresent()) {
            checkId(name, id.get());
        }
        return id;
    }

    public long nonNegativeLong(String name) throws FieldException {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new FieldException(field(name), "must be an integer, got " + describe(value));
        }
        long number = value.longValue();
        if (number < 0) {
            throw new FieldException(field(name), "must be >= 0, got " + number);
        }
        return number;
    }

    /** An integer between {@code min} and {@code max}; {@code defaultValue} when absent. */
    public long longIn(String name, long min, long max, long defaultValue) throws FieldException {
        Optional<JsonNode> value = optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        if (!value.get().isIntegralNumber() || !value.get().canConvertToLong()) {
            throw new FieldException(field(name), "must be an integer, got " + describe(value.get()));
        }
        long number = value.get().longValue();
        if (number < min || number > max) {
            throw new FieldException(field(name), "must be between " + min + " and " + max + ", got " + number);
        }
        return number;
    }

    /** A finite number, whole or not, if present. */
    public Optional<Double> optionalNumber(String name) throws FieldException {
        Optional<JsonNode> value = optional(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.get().isNumber() || !Double.isFinite(value.get().doubleValue())) {
            throw new FieldException(field(name), "must be a number, got " + describe(value.get()));
        }
        return Optional.of(value.get().doubleValue());
    }

    /** A number ({@link Long} or {@link Double}), a boolean or a text, if present. */
    public Optional<Object> optionalScalar(String name) throws FieldException {
        Optional<JsonNode> value = optional(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Object scalar = scalar(value.get());
        if (scalar == null) {
            throw new FieldException(field(name), "must be a number, a boolean or a text, got " + describe(value.get()));
        }
        return Optional.of(scalar);
    }

    public boolean bool(String name, boolean defaultValue) throws FieldException {
        Optional<JsonNode> value = optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        if (!value.get().isBoolean()) {
            throw new FieldException(field(name), "must be true or false, got " + describe(value.get()));
        }
        return value.get().booleanValue();
    }

    public Instant instant(String name) throws FieldException {
        String text = text(name);
        try {
            Instant instant = Instant.parse(text);
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw new FieldException(field(name), "'" + text + "' is outside the years 1970 to 9999");
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw new FieldException(field(name),
                    "'" + text + "' is not an ISO-8601 UTC instant such as 2026-11-28T09:30:00Z");
        }
    }

    public Optional<Instant> optionalInstant(String name) throws FieldException {
        return has(name) ? Optional.of(instant(name)) : Optional.empty();
    }

    public UUID uuid(String name) throws FieldException {
        String text = text(name);
        try {
            UUID uuid = UUID.fromString(text);
            if (!uuid.toString().equals(text.toLowerCase())) {
                throw new IllegalArgumentException("not canonical");
            }
            return uuid;
        } catch (IllegalArgumentException e) {
            throw new FieldException(field(name), "'" + text + "' is not a UUID in canonical form");
        }
    }

    public <E extends Enum<E> & WireValue> E choice(String name, Class<E> type) throws FieldException {
        return choiceOf(name, text(name), type);
    }

    /** Like {@link #choice} with a default when the field is absent. */
    public <E extends Enum<E> & WireValue> E choice(String name, Class<E> type, E defaultValue)
            throws FieldException {
        Optional<String> text = optionalText(name);
        return text.isEmpty() ? defaultValue : choiceOf(name, text.get(), type);
    }

    private <E extends Enum<E> & WireValue> E choiceOf(String name, String text, Class<E> type)
            throws FieldException {
        E value = WireValue.fromWire(type, text);
        if (value == null) {
            throw new FieldException(field(name),
                    "'" + text + "' is not one of: " + WireValue.choices(type));
        }
        return value;
    }

    public StrictObject object(String name) throws FieldException {
        return of(required(name), field(name));
    }

    public Optional<StrictObject> optionalObject(String name) throws FieldException {
        Optional<JsonNode> value = optional(name);
        return value.isEmpty() ? Optional.empty() : Optional.of(of(value.get(), field(name)));
    }

    /** A non-empty array of texts, such as a command line. */
    public List<String> texts(String name) throws FieldException {
        JsonNode value = required(name);
        if (!value.isArray()) {
            throw new FieldException(field(name), "must be a list of texts, got " + describe(value));
        }
        List<String> texts = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (!element.isTextual()) {
                throw new FieldException(field(name) + "[" + i + "]", "must be a text, got " + describe(element));
            }
            texts.add(element.textValue());
        }
        return texts;
    }

    public List<StrictObject> objects(String name, int maxSize) throws FieldException {
        JsonNode value = required(name);
        if (!value.isArray()) {
            throw new FieldException(field(name), "must be an array, got " + describe(value));
        }
        if (value.size() > maxSize) {
            throw new FieldException(field(name), "at most " + maxSize + " entries, got " + value.size());
        }
        List<StrictObject> objects = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            objects.add(of(value.get(i), field(name) + "[" + i + "]"));
        }
        return objects;
    }

    /** A flat object of scalar values (metrics, event data). Absent means empty. */
    public Map<String, Object> scalars(String name) throws FieldException {
        Optional<JsonNode> value = optional(name);
        if (value.isEmpty()) {
            return Map.of();
        }
        StrictObject object = of(value.get(), field(name));
        if (object.node.size() > Metrics.MAX_ENTRIES) {
            throw new FieldException(field(name),
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
                throw new FieldException(object.field(key), problem);
            }
            scalars.put(key, scalar);
        }
        return scalars;
    }

    /** A free-form JSON object (command arguments and results). Absent means empty. */
    public Map<String, Object> freeObject(String name, Function<JsonNode, Map<String, Object>> convert)
            throws FieldException {
        Optional<JsonNode> value = optional(name);
        if (value.isEmpty()) {
            return Map.of();
        }
        of(value.get(), field(name));
        if (depth(value.get()) > JsonValues.MAX_DEPTH) {
            throw new FieldException(field(name), "nested deeper than " + JsonValues.MAX_DEPTH + " levels");
        }
        return convert.apply(value.get());
    }

    /** Refuses the fields that were never read: this schema does not know them. */
    public void finish() throws FieldException {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!read.contains(entry.getKey())) {
                // A blank name is shown quoted, or the error would name no field at all (found by fuzzing).
                String name = entry.getKey().isBlank() ? "\"" + entry.getKey() + "\"" : entry.getKey();
                throw new FieldException(field(name), "unknown field");
            }
        }
    }

    private String asText(String name, JsonNode value) throws FieldException {
        if (!value.isTextual()) {
            throw new FieldException(field(name), "must be a text, got " + describe(value));
        }
        String text = value.textValue();
        if (text.length() > Metrics.MAX_STRING_LENGTH) {
            throw new FieldException(field(name), "longer than " + Metrics.MAX_STRING_LENGTH + " characters");
        }
        return text;
    }

    private String checkId(String name, String id) throws FieldException {
        String problem = Ids.problem(id);
        if (problem != null) {
            throw new FieldException(field(name), problem);
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
