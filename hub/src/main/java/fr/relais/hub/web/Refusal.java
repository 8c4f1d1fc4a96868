package fr.relais.hub.web;

import io.vertx.core.json.JsonObject;

/**
 * A request refused, with the HTTP status the API answers, the message (French when a visitor
 * may read it: a kiosk's answer carries it as it is; a 400 names the field) and, for a conflict,
 * what it conflicts with. Thrown by the features' routes and stores, answered by
 * {@link Replies#failed}.
 */
public final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient JsonObject conflict;

    public Refusal(int status, String message) {
        this(status, message, null);
    }

    public Refusal(int status, String message, JsonObject conflict) {
        super(message, null, false, false);
        this.status = status;
        this.conflict = conflict;
    }

    public static Refusal invalid(String message) {
        return new Refusal(400, message);
    }

    public static Refusal notFound(String message) {
        return new Refusal(404, message);
    }

    public static Refusal forbidden(String message) {
        return new Refusal(403, message);
    }

    public int status() {
        return status;
    }

    /** What the request conflicts with, shown in the answer; null for other refusals. */
    public JsonObject conflict() {
        return conflict;
    }
}
