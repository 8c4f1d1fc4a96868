package fr.relais.protocol;

import fr.relais.protocol.json.FieldException;

/**
 * A payload or topic that does not follow the contract. It always names the offending field
 * (a JSON path such as {@code devices[2].kind}, or {@code topic}, or {@code payload} for the
 * document as a whole) so that a dead-letter entry tells a technician what to fix.
 */
public final class InvalidMessageException extends FieldException {
    private static final long serialVersionUID = 1L;

    public InvalidMessageException(String field, String reason) {
        super(field, reason);
    }
}
