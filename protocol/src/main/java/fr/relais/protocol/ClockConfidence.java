package fr.relais.protocol;

/**
 * Whether the producer's clock was synchronised when a reading was taken. A Raspberry Pi has
 * no real-time clock: after a power cut it counts from its last saved time until NTP answers,
 * so its timestamps are only trustworthy once synchronised.
 */
public enum ClockConfidence implements WireValue {
    SYNCED("synced"),
    UNSYNCED("unsynced");

    private final String wire;

    ClockConfidence(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
