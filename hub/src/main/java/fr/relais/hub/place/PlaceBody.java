package fr.relais.hub.place;

import fr.relais.hub.auth.SiteScope;
import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.PageRequest;
import fr.relais.hub.web.Refusal;
import fr.relais.protocol.Ids;
import io.vertx.core.MultiMap;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A body or query of the workshops and appointments routes read strictly: unknown, repeated or
 * mistyped fields are a 400 naming the field ({@link Refusal}), never ignored.
 */
public final class PlaceBody {
    public static final int MAX_TEXT = 200;
    /** A visitor's first name: what fits on a kiosk's line. */
    public static final int MAX_FIRST_NAME = 40;
    /** A list's {@code limit} when none is asked. */
    static final int DEFAULT_LIMIT = 100;
    /** How the workshops and appointments word a 403 ({@link SiteScope}). */
    public static final SiteScope.Wording NOT_RUN = (caller, site) -> "this account does not run site " + site;

    private final JsonObject root;

    private PlaceBody(JsonObject root) {
        this.root = root;
    }

    public static PlaceBody of(RoutingContext ctx, Set<String> fields) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw bad("the body must be a JSON object with " + String.join(", ", new TreeSet<>(fields)) + ", got nothing");
        }
        Object parsed;
        try {
            parsed = Json.decodeValue(text);
        } catch (DecodeException e) {
            throw bad("the body is not valid JSON");
        }
        if (!(parsed instanceof JsonObject object)) {
            throw bad("the body must be a JSON object");
        }
        for (String name : object.fieldNames()) {
            if (!fields.contains(name)) {
                throw bad("unknown field '" + name + "'; expected " + String.join(", ", new TreeSet<>(fields)));
            }
        }
        return new PlaceBody(object);
    }

    /** The query parameters as a body: each known, each once; values are texts. */
    public static PlaceBody query(MultiMap query, Set<String> names) {
        JsonObject root = new JsonObject();
        for (String name : query.names()) {
            if (!names.contains(name)) {
                throw bad("unknown parameter '" + name + "': this route takes " + String.join(", ", new TreeSet<>(names)));
            }
            if (query.getAll(name).size() > 1) {
                throw bad("parameter '" + name + "' is given more than once");
            }
            root.put(name, query.get(name));
        }
        return new PlaceBody(root);
    }

    public boolean has(String name) {
        return root.containsKey(name);
    }

    public String text(String name, boolean required, int max) {
        Object value = root.getValue(name);
        if (value == null) {
            if (required) {
                throw bad(name + " is required");
            }
            return null;
        }
        if (!(value instanceof String text) || text.isBlank() || text.length() > max) {
            throw bad(name + " must be a text of 1 to " + max + " characters");
        }
        return text.strip();
    }

    public String id(String name, boolean required) {
        String value = text(name, required, Ids.MAX_LENGTH);
        if (value != null && Ids.problem(value) != null) {
            throw bad(name + " " + Ids.problem(value));
        }
        return value;
    }

    public String choice(String name, boolean required, List<String> choices) {
        String value = text(name, required, MAX_TEXT);
        if (value != null && !choices.contains(value)) {
            throw bad(name + " must be one of " + String.join(", ", choices) + ", got '" + value + "'");
        }
        return value;
    }

    public Integer whole(String name, boolean required, int min, int max) {
        Object value = root.getValue(name);
        if (value == null) {
            if (required) {
                throw bad(name + " is required");
            }
            return null;
        }
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min
                || ((Number) value).longValue() > max) {
            throw bad(name + " must be a whole number between " + min + " and " + max);
        }
        return ((Number) value).intValue();
    }

    public Boolean bool(String name) {
        Object value = root.getValue(name);
        if (value instanceof String text && (text.equals("true") || text.equals("false"))) {
            return Boolean.valueOf(text); // a query parameter
        }
        if (value != null && !(value instanceof Boolean)) {
            throw bad(name + " must be true or false");
        }
        return (Boolean) value;
    }

    /** A date-time with offset, {@code 2026-12-01T09:00:00+01:00} (or {@code …Z}). */
    public Instant instant(String name, boolean required) {
        String value = text(name, required, 40);
        if (value == null) {
            return null;
        }
        Instant instant = PlaceTimes.parse(value);
        if (instant == null) {
            throw bad(name + " must be a date-time with offset like 2026-12-01T09:00:00+01:00, got '" + value + "'");
        }
        return instant;
    }

    public LocalDate date(String name, boolean required) {
        String value = text(name, required, 10);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw bad(name + " must be a date yyyy-mm-dd, got '" + value + "'");
        }
    }

    public LocalTime time(String name, boolean required) {
        String value = text(name, required, 5);
        if (value == null) {
            return null;
        }
        try {
            if (!value.matches("\\d\\d:\\d\\d")) {
                throw new DateTimeParseException("HH:mm", value, 0);
            }
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw bad(name + " must be a local time HH:mm, got '" + value + "'");
        }
    }

    /** A first name, or null when absent, null or blank (anonymous). */
    public String firstName(String name, boolean required) {
        Object value = root.getValue(name);
        if (value instanceof String text && text.isBlank() && !required) {
            return null;
        }
        return text(name, required, MAX_FIRST_NAME);
    }

    /** {@code limit} (1–1000, default 100) and {@code cursor} of a query read by {@link #query}. */
    public static PageRequest pageOf(PlaceBody query) {
        try {
            int limit = PageRequest.limit(query.text("limit", false, 10), DEFAULT_LIMIT);
            return new PageRequest(limit, PageRequest.after(query.text("cursor", false, 1000)));
        } catch (IllegalArgumentException | BadCursorException e) {
            throw bad(e.getMessage());
        }
    }

    public static Refusal bad(String message) {
        return new Refusal(400, message);
    }
}
