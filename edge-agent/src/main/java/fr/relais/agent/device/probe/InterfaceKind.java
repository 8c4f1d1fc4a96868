package fr.relais.agent.device.probe;

import fr.relais.protocol.WireValue;

/**
 * What the node's own network interface is: a Pi on Wi-Fi behind a fibre box measures the Wi-Fi
 * too, so the map must know it before blaming the line.
 */
public enum InterfaceKind implements WireValue {
    ETHERNET("ethernet"),
    WIFI("wifi"),
    CELLULAR("cellular"),
    UNKNOWN("unknown");

    private final String wire;

    InterfaceKind(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
