package fr.relais.agent.config;

import fr.relais.protocol.WireValue;

/** How the agent tells whether its clock can be trusted. */
public enum ClockSource implements WireValue {
    /** systemd-timesyncd's flag file exists once NTP has synchronised the clock (Raspberry Pi OS). */
    SYSTEMD_TIMESYNCD("systemd-timesyncd"),
    /** Trust the clock: for simulations on a machine whose clock is known to be right. */
    ALWAYS_SYNCED("always-synced");

    private final String wire;

    ClockSource(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
