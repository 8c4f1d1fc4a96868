package fr.relais.hub.queue;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** A queue request's body, read strictly: an unknown or mistyped field is a 400 naming it. */
final class QueueBody {
    static final int MAX_DESK = 60;

    private QueueBody() {
    }

    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /**
     * The desk named in the body ({@code {"desk":"Bureau 1"}}), or null if the body is empty and
     * the desk is optional.
     */
    static String desk(RoutingContext ctx, boolean required) throws Invalid {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            if (required) {
                throw new Invalid("desk is required: the body must be {\"desk\":\"Bureau 1\"}");
            }
            return null;
        }
        Object parsed;
        try {
            parsed = Json.decodeValue(text);
        } catch (DecodeException e) {
            throw new Invalid("the body is not valid JSON");
        }
        if (!(parsed instanceof JsonObject object)) {
            throw new Invalid("the body must be a JSON object");
        }
        for (String name : object.fieldNames()) {
            if (!name.equals("desk")) {
                throw new Invalid("unknown field '" + name + "'; expected desk");
            }
        }
        Object desk = object.getValue("desk");
        if (desk == null) {
            if (required) {
                throw new Invalid("desk is required");
            }
            return null;
        }
        if (!(desk instanceof String name) || name.isBlank() || name.strip().length() > MAX_DESK
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new Invalid("desk must be a text of 1 to " + MAX_DESK + " characters, such as \"Bureau 1\"");
        }
        return name.strip();
    }

    /** Actions on a ticket take no body but an optional desk (recall): anything else is refused. */
    static void empty(RoutingContext ctx) throws Invalid {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank() || text.strip().equals("{}")) {
            return;
        }
        throw new Invalid("this action takes no body (or {}), got " + (text.length() > 40 ? text.substring(0, 40) + "…"
                : text));
    }
}
