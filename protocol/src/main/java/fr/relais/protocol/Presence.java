package fr.relais.protocol;

/**
 * The retained presence of a node or of the hub. {@code LOST} is only ever published by the
 * broker, as the Last Will of a connection that ended without a goodbye.
 */
public enum Presence implements WireValue {
    ONLINE("online"),
    OFFLINE("offline"),
    LOST("lost");

    private final String wire;

    Presence(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
