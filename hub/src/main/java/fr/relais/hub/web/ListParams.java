package fr.relais.hub.web;

import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.PageRequest;
import fr.relais.protocol.Ids;
import fr.relais.protocol.WireValue;
import io.vertx.core.MultiMap;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of a list route, read strictly: an unknown or repeated parameter is an
 * error naming it, not a filter silently ignored (a misspelt {@code sit=} would otherwise list
 * every site's devices). Every list takes {@code limit} and {@code cursor}.
 */
public final class ListParams {
    public static final String LIMIT = "limit";
    public static final String CURSOR = "cursor";
    private static final int MAX_TEXT = 200;

    /** A parameter the API refuses, with the message for the client. */
    public static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;

        public Bad(String message) {
            super(message);
        }
    }

    private final MultiMap query;

    private ListParams(MultiMap query) {
        this.query = query;
    }

    /** @param filters the parameters this list takes besides limit and cursor */
    public static ListParams of(MultiMap query, Set<String> filters) throws Bad {
        for (String name : query.names()) {
            if (!filters.contains(name) && !LIMIT.equals(name) && !CURSOR.equals(name)) {
                Set<String> known = new TreeSet<>(filters);
                known.add(LIMIT);
                known.add(CURSOR);
                throw new Bad("unknown parameter '" + name + "': this list takes " + String.join(", ", known));
            }
            if (query.getAll(name).size() > 1) {
                throw new Bad("parameter '" + name + "' is given more than once");
            }
        }
        return new ListParams(query);
    }

    public PageRequest page(int defaultLimit) throws Bad {
        try {
            return PageRequest.asked(query.get(LIMIT), query.get(CURSOR), defaultLimit);
        } catch (IllegalArgumentException | BadCursorException e) {
            throw new Bad(e.getMessage());
        }
    }

    /** A site, node or device identifier, or null if not given. */
    public String id(String name) throws Bad {
        String value = query.get(name);
        if (value == null) {
            return null;
        }
        String problem = Ids.problem(value);
        if (problem != null) {
            throw new Bad(name + " " + problem);
        }
        return value;
    }

    /** {@code true} or {@code false}, or null if not given. */
    public Boolean bool(String name) throws Bad {
        String value = query.get(name);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new Bad(name + " must be true or false, got '" + value + "'");
        };
    }

    /** One of {@code choices}, or null if not given. */
    public String choice(String name, List<String> choices) throws Bad {
        String value = query.get(name);
        if (value != null && !choices.contains(value)) {
            throw new Bad(name + " must be one of " + String.join(", ", choices) + ", got '" + value + "'");
        }
        return value;
    }

    /** A free text, not empty, or null if not given. */
    public String text(String name) throws Bad {
        String value = query.get(name);
        if (value != null && (value.isEmpty() || value.length() > MAX_TEXT)) {
            throw new Bad(name + " must be 1 to " + MAX_TEXT + " characters long, got " + value.length());
        }
        return value;
    }

    /** The query without its cursor, for the next page's link. */
    public Map<String, String> withoutCursor() {
        Map<String, String> kept = new LinkedHashMap<>();
        query.forEach((name, value) -> {
            if (!CURSOR.equals(name)) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    /** The wire names of an enum's values: what a list filter on it accepts. */
    public static <E extends Enum<E> & WireValue> List<String> wire(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireValue::wire).toList();
    }
}
