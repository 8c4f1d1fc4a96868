package fr.relais.hub.cowork;

import io.vertx.core.json.JsonObject;

/** A request the coworking data refuses, with the HTTP status and, for a conflict, what it conflicts with. */
final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient JsonObject conflict;

    Refused(int status, String message) {
        this(status, message, null);
    }

    Refused(int status, String message, JsonObject conflict) {
        super(message, null, false, false);
        this.status = status;
        this.conflict = conflict;
    }

    int status() {
        return status;
    }

    JsonObject conflict() {
        return conflict;
    }

    static Refused notFound(String what) {
        return new Refused(404, what);
    }
}
