package fr.relais.protocol.access;

import fr.relais.protocol.WireValue;

/**
 * Why a door opened or stayed shut, as the access event says it and the hub's access log shows
 * it. Deny by default: anything not granted for one of the first reasons is refused.
 */
public enum AccessReason implements WireValue {
    STAFF("staff", true),
    MAINTENANCE("maintenance", true),
    HOURS("hours", true),
    BOOKING("booking", true),
    PACK_DAY("pack-day", true),
    /** Opened once from the hub by an administrator (command {@code open-door}), not by a badge. */
    REMOTE("remote", true),
    UNKNOWN("unknown", false),
    REVOKED("revoked", false),
    SUSPENDED("suspended", false),
    NOT_YET_VALID("not-yet-valid", false),
    EXPIRED("expired", false),
    WRONG_DOOR("wrong-door", false),
    OUTSIDE_HOURS("outside-hours", false),
    NO_BOOKING("no-booking", false),
    NO_DAYS_LEFT("no-days-left", false),
    LIST_TOO_OLD("list-too-old", false),
    NO_LIST("no-list", false);

    private final String wire;
    private final boolean granted;

    AccessReason(String wire, boolean granted) {
        this.wire = wire;
        this.granted = granted;
    }

    @Override
    public String wire() {
        return wire;
    }

    public boolean granted() {
        return granted;
    }
}
