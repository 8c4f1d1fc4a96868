package fr.relais.protocol.access;

/**
 * An access list a node must not use, and why. The only exception the access codecs and the
 * verifier throw on bad input: a node logs it, reports it to the hub and keeps deciding with the
 * last valid list. {@link #field()} names what is wrong (a JSON path such as
 * {@code grants[3].windows[0].from}, or {@code payload}, {@code signature}, {@code site},
 * {@code version}, {@code baseVersion}); it is never blank.
 */
public final class AccessListException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Reason reason;
    private final String field;
    private final String detail;

    public AccessListException(Reason reason, String field, String detail) {
        super(reason + " " + field + ": " + detail);
        this.reason = reason;
        this.field = field;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }

    public String detail() {
        return detail;
    }

    /** What the node does next depends on it: only {@link #WRONG_BASE} asks the hub for a snapshot. */
    public enum Reason {
        /** Not an access list: too large, not UTF-8 JSON, a field missing, mistyped or unknown. */
        MALFORMED,
        /** The hub's key did not sign these bytes: tampered with, or signed by another key. */
        BAD_SIGNATURE,
        /** Signed, but for another site. */
        OTHER_SITE,
        /** Older than the list the node holds: a replay or a late delivery. */
        OLD_VERSION,
        /** The very version the node holds: a re-delivery, harmless. */
        ALREADY_HELD,
        /** A delta from a version the node does not hold: it needs a snapshot. */
        WRONG_BASE
    }
}
