package fr.relais.agent.device.scanner;

import fr.relais.protocol.Health;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scanner's health: stopped, down or a feeder that cannot feed (jammed, open, broken) is
 * critical; a feeder that misfed once (two sheets, a page too short) a warning; scanning, warming
 * up, an empty feeder are normal. What the table does not know is a warning, to be looked at.
 */
final class ScannerHealth {
    static final Map<String, Health> STATES = Map.of(
            "idle", Health.OK,
            "processing", Health.OK,
            "testing", Health.OK,
            "stopped", Health.CRITICAL,
            "down", Health.CRITICAL);
    static final Map<String, Health> FEEDER = Map.ofEntries(
            Map.entry("loaded", Health.OK),
            Map.entry("empty", Health.OK),
            Map.entry("processing", Health.OK),
            Map.entry("jam", Health.CRITICAL),
            Map.entry("door-open", Health.CRITICAL),
            Map.entry("hatch-open", Health.CRITICAL),
            Map.entry("hw-failure", Health.CRITICAL),
            Map.entry("input-tray-failed", Health.CRITICAL),
            Map.entry("mispick", Health.WARNING),
            Map.entry("multipick-detected", Health.WARNING),
            Map.entry("duplex-page-too-short", Health.WARNING),
            Map.entry("duplex-page-too-long", Health.WARNING),
            Map.entry("input-tray-overloaded", Health.WARNING));
    /** A scanner that does not answer, or answers garbage, scans nothing. */
    static final Health UNREACHABLE = Health.CRITICAL;

    private ScannerHealth() {
    }

    static Health of(ScannerStatus status) {
        Health health = Health.OK;
        for (Health condition : conditions(status).values()) {
            health = worst(health, condition);
        }
        return health;
    }

    /**
     * What is wrong, by name ({@code stopped}, {@code adf-jam}, {@code unknown-state}…), each with
     * its health: what the events follow.
     */
    static Map<String, Health> conditions(ScannerStatus status) {
        Map<String, Health> conditions = new LinkedHashMap<>();
        Health state = STATES.getOrDefault(status.state(), Health.WARNING);
        if (state != Health.OK) {
            conditions.put(status.state().equals("unknown") ? "unknown-state" : status.state(), state);
        }
        status.adfState().ifPresent(adf -> {
            Health feeder = FEEDER.getOrDefault(adf, Health.WARNING);
            if (feeder != Health.OK) {
                conditions.put("adf-" + adf, feeder);
            }
        });
        return conditions;
    }

    private static Health worst(Health a, Health b) {
        return b == Health.CRITICAL || a == Health.OK ? b : a;
    }
}
