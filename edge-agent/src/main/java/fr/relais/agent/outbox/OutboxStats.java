package fr.relais.agent.outbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outbox at one instant, as reported in the node's own telemetry.
 *
 * @param oldestAgeSeconds age of the oldest undelivered message, 0 when empty
 * @param evicted          routine messages removed or refused to stay within the limits, ever
 * @param delivered        messages acknowledged by the broker since the agent started
 * @param evictedSinceFlush   evicted since the last {@code flush-outbox-stats} command
 * @param deliveredSinceFlush delivered since the last {@code flush-outbox-stats} command
 */
public record OutboxStats(long priorityDepth, long routineDepth, long bytes, long oldestAgeSeconds, long evicted,
                          long delivered, long stored, long evictedSinceFlush, long deliveredSinceFlush) {

    public long depth() {
        return priorityDepth + routineDepth;
    }

    public Map<String, Object> asMetrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("outboxDepth", depth());
        metrics.put("outboxPriorityDepth", priorityDepth);
        metrics.put("outboxBytes", bytes);
        metrics.put("outboxOldestAgeSeconds", oldestAgeSeconds);
        metrics.put("outboxEvicted", evicted);
        metrics.put("outboxDelivered", delivered);
        metrics.put("outboxStored", stored);
        metrics.put("outboxEvictedSinceFlush", evictedSinceFlush);
        metrics.put("outboxDeliveredSinceFlush", deliveredSinceFlush);
        return metrics;
    }
}
