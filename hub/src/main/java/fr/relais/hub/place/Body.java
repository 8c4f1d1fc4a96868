package fr.relais.hub.place;

import fr.relais.hub.auth.SiteScope;
import fr.relais.hub.web.Refusal;
import fr.relais.protocol.Ids;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A request body (or one object in it) read strictly: a JSON object whose fields are all known,
 * each of the expected type, so a misspelt or mistyped field is a 400 naming it, never ignored.
 */
public final class Body {
    /** How the places and the van word a refused change ({@link SiteScope}): one needs to be logged in. */
    public static final SiteScope.Wording NOT_RUN = (caller, site) -> caller == null ? "log in to change this"
            : "this account does not run " + (site == null ? "the van" : "site " + site);
    /** How the places word a refused read. */
    public static final SiteScope.Wording NOT_SEEN = (caller, site) -> "this account sees site " + caller.site()
            + " only";
    public static final int MAX_TEXT = 160;
    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    private final JsonObject root;
    private final String prefix;

    private Body(JsonObject root, String prefix) {
        this.root = root;
        this.prefix = prefix;
    }

    public static Body of(RoutingContext ctx, Set<String> fields) throws Refusal {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw Refusal.invalid("the body must be a JSON object with " + String.join(", ", new TreeSet<>(fields))
                    + ", got nothing");
        }
        Object parsed;
        try {
            parsed = Json.decodeValue(text);
        } catch (DecodeException e) {
            throw Refusal.invalid("the body is not valid JSON");
        }
        if (!(parsed instanceof JsonObject object)) {
            throw Refusal.invalid("the body must be a JSON object");
        }
        return of(object, fields, "");
    }

    static Body of(JsonObject object, Set<String> fields, String prefix) throws Refusal {
        for (String name : object.fieldNames()) {
            if (!fields.contains(name)) {
                throw Refusal.invalid("unknown field '" + prefix + name + "'; expected "
                        + String.join(", ", new TreeSet<>(fields)));
            }
        }
        return new Body(object, prefix);
    }

    public boolean has(String name) {
        return root.containsKey(name);
    }

    /** A text of 1 to {@code max} characters, or null if absent (or null). */
    public String text(String name, boolean required, int max) throws Refusal {
        Object value = root.getValue(name);
        if (value == null) {
            if (required) {
                throw Refusal.invalid(prefix + name + " is required");
            }
            return null;
        }
        if (!(value instanceof String text) || text.isBlank() || text.length() > max) {
            throw Refusal.invalid(prefix + name + " must be a text of 1 to " + max + " characters");
        }
        return text.strip();
    }

    public String id(String name, boolean required) throws Refusal {
        String value = text(name, required, 100);
        if (value != null && Ids.problem(value) != null) {
            throw Refusal.invalid(prefix + name + " " + Ids.problem(value));
        }
        return value;
    }

    public String choice(String name, boolean required, List<String> choices) throws Refusal {
        String value = text(name, required, 40);
        if (value != null && !choices.contains(value)) {
            throw Refusal.invalid(prefix + name + " must be one of " + String.join(", ", choices) + ", got '"
                    + value + "'");
        }
        return value;
    }

    public Boolean bool(String name) throws Refusal {
        Object value = root.getValue(name);
        if (value != null && !(value instanceof Boolean)) {
            throw Refusal.invalid(prefix + name + " must be true or false");
        }
        return (Boolean) value;
    }

    public Integer whole(String name, boolean required, int min, int max) throws Refusal {
        Object value = root.getValue(name);
        if (value == null) {
            if (required) {
                throw Refusal.invalid(prefix + name + " is required");
            }
            return null;
        }
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min
                || ((Number) value).longValue() > max) {
            throw Refusal.invalid(prefix + name + " must be a whole number between " + min + " and " + max);
        }
        return ((Number) value).intValue();
    }

    public LocalDate date(String name, boolean required) throws Refusal {
        String value = text(name, required, 10);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw Refusal.invalid(prefix + name + " must be a date YYYY-MM-DD, got '" + value + "'");
        }
    }

    /** A local time {@code HH:mm} (00:00 to 23:59). */
    public LocalTime time(String name, boolean required) throws Refusal {
        String value = text(name, required, 5);
        if (value != null && !HH_MM.matcher(value).matches()) {
            throw Refusal.invalid(prefix + name + " must be a time HH:mm (00:00 to 23:59), got '" + value + "'");
        }
        return value == null ? null : LocalTime.parse(value);
    }

    public DayOfWeek day(String name, boolean required) throws Refusal {
        String value = text(name, required, 12);
        try {
            return value == null ? null : DayOfWeek.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(prefix + name + " must be MONDAY…SUNDAY, got '" + value + "'");
        }
    }

    /** A list of objects, each read strictly with these fields. */
    public List<Body> objects(String name, int max, Set<String> fields) throws Refusal {
        Object value = root.getValue(name);
        if (!(value instanceof JsonArray array) || array.size() > max) {
            throw Refusal.invalid(prefix + name + " must be a list of at most " + max + " objects");
        }
        java.util.ArrayList<Body> items = new java.util.ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof JsonObject item)) {
                throw Refusal.invalid(prefix + name + "[" + i + "] must be an object");
            }
            items.add(of(item, fields, prefix + name + "[" + i + "]."));
        }
        return items;
    }

    /** The field's name as messages give it ({@code weekly[2].opens}). */
    public String named(String name) {
        return prefix + name;
    }
}
