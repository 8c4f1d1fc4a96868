package fr.relais.protocol;

/**
 * A payload or topic that does not follow the contract. It always names the offending field
 * (a JSON path such as {@code devices[2].kind}, or {@code topic}, or {@code payload} for the
 * document as a whole) so that a dead-letter entry tells a technician what to fix.
 */
public final class InvalidMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    public InvalidMessageException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
