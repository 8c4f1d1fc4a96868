package fr.relais.protocol;

/** A device's own verdict on itself, as a technician would read it. */
public enum Health implements WireValue {
    OK("ok"),
    WARNING("warning"),
    CRITICAL("critical"),
    UNKNOWN("unknown");

    private final String wire;

    Health(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
