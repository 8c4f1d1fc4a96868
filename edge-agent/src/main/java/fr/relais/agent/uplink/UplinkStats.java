package fr.relais.agent.uplink;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What the uplink went through, reported in the node's own telemetry. */
public final class UplinkStats {
    final AtomicLong connects = new AtomicLong();
    final AtomicLong connectFailures = new AtomicLong();
    final AtomicLong connectionLosses = new AtomicLong();

    public long connects() {
        return connects.get();
    }

    public Map<String, Object> asMetrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("connects", connects.get());
        metrics.put("connectFailures", connectFailures.get());
        metrics.put("connectionLosses", connectionLosses.get());
        return metrics;
    }
}
