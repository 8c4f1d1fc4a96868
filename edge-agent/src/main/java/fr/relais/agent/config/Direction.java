package fr.relais.agent.config;

import fr.relais.protocol.WireValue;

/** Which way a badge reader linked to a door lets people through ({@code direction:} of a reader). */
public enum Direction implements WireValue {
    ENTRY("entry"),
    EXIT("exit");

    private final String wire;

    Direction(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
