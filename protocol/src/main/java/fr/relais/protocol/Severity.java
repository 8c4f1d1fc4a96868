package fr.relais.protocol;

/** How urgent an event is for a technician. */
public enum Severity implements WireValue {
    INFO("info"),
    WARNING("warning"),
    CRITICAL("critical");

    private final String wire;

    Severity(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
