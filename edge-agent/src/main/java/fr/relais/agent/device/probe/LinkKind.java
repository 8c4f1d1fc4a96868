package fr.relais.agent.device.probe;

import fr.relais.protocol.WireValue;

/**
 * The kind of internet access a place pays for, as declared in its configuration: the map of the
 * territory compares what each commune gets with what it was sold (fibre arriving, ADSL
 * "montée en débit", 4G in the van).
 */
public enum LinkKind implements WireValue {
    FIBRE("fibre"),
    VDSL("vdsl"),
    ADSL("adsl"),
    CELLULAR_4G("4g"),
    CELLULAR_5G("5g"),
    SATELLITE("satellite"),
    UNKNOWN("unknown");

    private final String wire;

    LinkKind(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
