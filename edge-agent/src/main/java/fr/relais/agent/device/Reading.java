package fr.relais.agent.device;

import fr.relais.protocol.Health;
import java.util.List;
import java.util.Map;

/** One reading of a device: its health, its metrics, and anything that just happened. */
public record Reading(Health health, Map<String, Object> metrics, List<DeviceEvent> events) {
    public Reading {
        metrics = Map.copyOf(metrics);
        events = List.copyOf(events);
    }

    public static Reading of(Health health, Map<String, Object> metrics) {
        return new Reading(health, metrics, List.of());
    }
}
