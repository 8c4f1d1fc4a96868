package fr.relais.hub.db;

/** A cursor that no page of this list gave: the client's mistake, answered with a 400. */
public final class BadCursorException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadCursorException(String message) {
        super(message);
    }
}
