package fr.relais.agent.uplink;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What the uplink went through, reported in the node's own telemetry. */
public final class UplinkStats {
    final AtomicLong connects = new AtomicLong();
    final AtomicLong connectFailures = new AtomicLong();
    final AtomicLong connectionLosses = new AtomicLong();
    final AtomicLong published = new AtomicLong();
    final AtomicLong publishFailures = new AtomicLong();
    final AtomicLong notSentOffline = new AtomicLong();

    /**
     * Messages that could not be sent because the link was down. Until the outbox keeps them,
     * they are counted here so that the loss is reported, never silent.
     */
    public void countNotSentOffline(long messages) {
        notSentOffline.addAndGet(messages);
    }

    public long published() {
        return published.get();
    }

    public long connects() {
        return connects.get();
    }

    public Map<String, Object> asMetrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("connects", connects.get());
        metrics.put("connectFailures", connectFailures.get());
        metrics.put("connectionLosses", connectionLosses.get());
        metrics.put("published", published.get());
        metrics.put("publishFailures", publishFailures.get());
        metrics.put("notSentOffline", notSentOffline.get());
        return metrics;
    }
}
