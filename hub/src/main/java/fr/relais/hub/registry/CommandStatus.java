package fr.relais.hub.registry;

/**
 * Where a command is in its life. {@code pending} → {@code sent} (the broker took it) →
 * {@code delivered} (the node said {@code accepted}) → {@code succeeded} or {@code failed} (its
 * final reply). {@code timed-out} when no final reply came before the deadline; a final reply
 * arriving later still replaces it, because a technician must know that a reboot did happen.
 */
public enum CommandStatus {
    PENDING("pending"),
    SENT("sent"),
    DELIVERED("delivered"),
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    TIMED_OUT("timed-out");

    private final String wire;

    CommandStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
