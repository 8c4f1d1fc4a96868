package fr.relais.protocol;

/** The kinds of equipment an edge agent drives. A new kind is a change of the contract. */
public enum DeviceKind implements WireValue {
    KIOSK("kiosk"),
    COMPUTER("computer"),
    PRINTER("printer"),
    SCANNER("scanner"),
    PROBE("probe"),
    BADGE_READER("badge-reader"),
    DOOR("door"),
    PRESENCE_SENSOR("presence-sensor");

    private final String wire;

    DeviceKind(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
