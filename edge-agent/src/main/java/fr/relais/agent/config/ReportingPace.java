package fr.relais.agent.config;

import fr.relais.protocol.DeviceKind;
import java.util.OptionalInt;

/**
 * How often a real place reports: what provisioning renders into each node's {@code agent.yaml}
 * (and what {@code ./relais bench agent} measures). Every message costs the Pi's SD card a share
 * of a synced commit, so nothing is read more often than a technician needs to see it change:
 * the node's own health and most devices once a minute, the printer every 30 s (paper and jams
 * are what visitors run into), the connectivity probe once a minute (its inventory profile says
 * so too). What happens at once (a door forced, a badge read, a room becoming occupied, an entry
 * counted) does not wait for a poll: the drivers push it as an event. The agent's own default,
 * for a hand-written configuration without a {@code telemetry} block, stays 10 s.
 */
public final class ReportingPace {
    /** {@code telemetry.intervalSeconds}: the node's health, and the default of every device. */
    public static final int NODE_SECONDS = 60;
    /** A printer's {@code pollSeconds}, unless the inventory gives one. */
    public static final int PRINTER_SECONDS = 30;

    private ReportingPace() {
    }

    /**
     * The {@code pollSeconds} a device of this kind gets when the inventory gives none; empty when
     * it follows the node's {@link #NODE_SECONDS}.
     */
    public static OptionalInt pollSeconds(DeviceKind kind) {
        return kind == DeviceKind.PRINTER ? OptionalInt.of(PRINTER_SECONDS) : OptionalInt.empty();
    }
}
