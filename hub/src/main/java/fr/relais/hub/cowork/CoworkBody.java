package fr.relais.hub.cowork;

import fr.relais.protocol.Ids;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A coworking request body read strictly: a JSON object whose fields are all known, each of the
 * expected type, so that a misspelt or mistyped field is a 400 naming it rather than ignored.
 */
final class CoworkBody {
    static final int MAX_TEXT = 200;
    static final int MAX_NOTES = 2000;

    private final JsonObject root;

    private CoworkBody(JsonObject root) {
        this.root = root;
    }

    /** A body refused, with the message for the caller. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    static CoworkBody of(RoutingContext ctx, Set<String> fields) throws Invalid {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw new Invalid("the body must be a JSON object with " + String.join(", ", new TreeSet<>(fields))
                    + ", got nothing");
        }
        Object parsed;
        try {
            parsed = io.vertx.core.json.Json.decodeValue(text);
        } catch (DecodeException e) {
            throw new Invalid("the body is not valid JSON");
        }
        if (!(parsed instanceof JsonObject object)) {
            throw new Invalid("the body must be a JSON object");
        }
        for (String name : object.fieldNames()) {
            if (!fields.contains(name)) {
                throw new Invalid("unknown field '" + name + "'; expected " + String.join(", ", new TreeSet<>(fields)));
            }
        }
        return new CoworkBody(object);
    }

    boolean has(String name) {
        return root.containsKey(name);
    }

    Object raw(String name) {
        return root.getValue(name);
    }

    /** A text of 1 to {@code max} characters, or null if absent (or null). */
    String text(String name, boolean required, int max) throws Invalid {
        Object value = root.getValue(name);
        if (value == null) {
            if (required) {
                throw new Invalid(name + " is required");
            }
            return null;
        }
        if (!(value instanceof String text) || text.isBlank() || text.length() > max) {
            throw new Invalid(name + " must be a text of 1 to " + max + " characters");
        }
        return text;
    }

    String text(String name, boolean required) throws Invalid {
        return text(name, required, MAX_TEXT);
    }

    /** An identifier (site, door, record id), or null if absent. */
    String id(String name, boolean required) throws Invalid {
        String value = text(name, required, 100);
        if (value != null && Ids.problem(value) != null) {
            throw new Invalid(name + " " + Ids.problem(value));
        }
        return value;
    }

    String choice(String name, boolean required, List<String> choices) throws Invalid {
        String value = text(name, required);
        if (value != null && !choices.contains(value)) {
            throw new Invalid(name + " must be one of " + String.join(", ", choices) + ", got '" + value + "'");
        }
        return value;
    }

    Integer whole(String name, int min, int max) throws Invalid {
        Object value = root.getValue(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min
                || ((Number) value).longValue() > max) {
            throw new Invalid(name + " must be a whole number between " + min + " and " + max);
        }
        return ((Number) value).intValue();
    }

    Boolean bool(String name) throws Invalid {
        Object value = root.getValue(name);
        if (value != null && !(value instanceof Boolean)) {
            throw new Invalid(name + " must be true or false");
        }
        return (Boolean) value;
    }

    LocalDate date(String name) throws Invalid {
        String value = text(name, false, 10);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new Invalid(name + " must be a local date YYYY-MM-DD, got '" + value + "'");
        }
    }

    Instant instant(String name, boolean required) throws Invalid {
        String value = text(name, required, 40);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new Invalid(name + " must be an instant like 2026-12-05T09:00:00Z, got '" + value + "'");
        }
    }

    /** A list of identifiers, or null if absent. */
    List<String> ids(String name, int max) throws Invalid {
        Object value = root.getValue(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonArray array) || array.size() > max) {
            throw new Invalid(name + " must be a list of at most " + max + " identifiers");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object item = array.getValue(i);
            if (!(item instanceof String id) || Ids.problem(id) != null) {
                throw new Invalid(name + "[" + i + "] " + (item instanceof String id ? Ids.problem(id)
                        : "must be an identifier"));
            }
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }
}
