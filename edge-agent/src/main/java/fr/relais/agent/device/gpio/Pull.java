package fr.relais.agent.device.gpio;

import fr.relais.protocol.WireValue;

/** The Pi's internal resistor on an input pin: what the pin reads when nothing drives it. */
public enum Pull implements WireValue {
    UP("up"),
    DOWN("down"),
    NONE("none");

    private final String wire;

    Pull(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
