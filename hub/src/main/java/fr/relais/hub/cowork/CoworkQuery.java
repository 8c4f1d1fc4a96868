package fr.relais.hub.cowork;

import fr.relais.hub.auth.SiteScope;
import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.PageRequest;
import fr.relais.protocol.Ids;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A coworking route's query parameters, read strictly like the other lists': an unknown or
 * repeated parameter is a 400 naming it. Every list takes {@code limit} and {@code cursor}.
 */
final class CoworkQuery {
    static final int DEFAULT_LIMIT = 100;
    /** A manager (or viewer) lists its own site: asking for another is a 403 worded so. */
    static final SiteScope.Wording OWN_SITE = (caller, site) -> "this account manages site " + caller.site()
            + " only";
    /** What belongs to another site than a manager's (or viewer's) own. */
    static final SiteScope.Wording ANOTHER_SITE = (caller, site) -> "this belongs to site " + site
            + "; this account manages site " + caller.site() + " only";
    private final MultiMap query;

    private CoworkQuery(MultiMap query) {
        this.query = query;
    }

    static CoworkQuery of(MultiMap query, Set<String> filters) throws CoworkBody.Invalid {
        for (String name : query.names()) {
            if (!filters.contains(name) && !name.equals("limit") && !name.equals("cursor")) {
                Set<String> known = new TreeSet<>(filters);
                known.add("limit");
                known.add("cursor");
                throw new CoworkBody.Invalid("unknown parameter '" + name + "': this route takes "
                        + String.join(", ", known));
            }
            if (query.getAll(name).size() > 1) {
                throw new CoworkBody.Invalid("parameter '" + name + "' is given more than once");
            }
        }
        return new CoworkQuery(query);
    }

    PageRequest page() throws CoworkBody.Invalid {
        try {
            return PageRequest.asked(query.get("limit"), query.get("cursor"), DEFAULT_LIMIT);
        } catch (IllegalArgumentException | BadCursorException e) {
            throw new CoworkBody.Invalid(e.getMessage());
        }
    }

    String id(String name) throws CoworkBody.Invalid {
        String value = query.get(name);
        if (value != null && Ids.problem(value) != null) {
            throw new CoworkBody.Invalid(name + " " + Ids.problem(value));
        }
        return value;
    }

    Instant instant(String name) throws CoworkBody.Invalid {
        String value = query.get(name);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new CoworkBody.Invalid(name + " must be an instant like 2026-12-05T09:00:00Z, got '" + value + "'");
        }
    }

    String choice(String name, List<String> choices) throws CoworkBody.Invalid {
        String value = query.get(name);
        if (value != null && !choices.contains(value)) {
            throw new CoworkBody.Invalid(name + " must be one of " + String.join(", ", choices) + ", got '" + value
                    + "'");
        }
        return value;
    }
}
