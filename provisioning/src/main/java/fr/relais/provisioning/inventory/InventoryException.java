package fr.relais.provisioning.inventory;

/**
 * An inventory provisioning refuses. The message names the file, the line and the field, so
 * that whoever edits the inventory can go straight to the mistake.
 */
public final class InventoryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String field;
    private final String reason;

    public InventoryException(String source, int line, String field, String reason) {
        super(source + " line " + line + ", " + field + ": " + reason);
        this.source = source;
        this.line = line;
        this.field = field;
        this.reason = reason;
    }

    private InventoryException(String source, String reason, Throwable cause) {
        super(source + ": " + reason, cause);
        this.source = source;
        this.line = 0;
        this.field = "";
        this.reason = reason;
    }

    /** The file could not be read at all, so there is no line or field to name. */
    static InventoryException unreadable(String source, String reason, Throwable cause) {
        return new InventoryException(source, reason, cause);
    }

    public String source() {
        return source;
    }

    /** The line of the mistake, counted from 1; 0 when the file could not be read. */
    public int line() {
        return line;
    }

    /** The path of the field, such as {@code sites[2].nodes[0].devices[3].kind}. */
    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
