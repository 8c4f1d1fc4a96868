package fr.relais.protocol.json;

/**
 * A field of a JSON or YAML document that does not fit, named by its path (such as
 * {@code devices[2].kind}). Callers turn it into the error of their own domain: an invalid
 * message, an invalid configuration file, an invalid inventory.
 */
public class FieldException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    public FieldException(String field, String reason) {
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
