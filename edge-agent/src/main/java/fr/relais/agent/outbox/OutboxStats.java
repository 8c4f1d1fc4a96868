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
 * @param storage          how the disk takes the outbox's writes
 */
public record OutboxStats(long priorityDepth, long routineDepth, long bytes, long oldestAgeSeconds, long evicted,
                          long delivered, long stored, long evictedSinceFlush, long deliveredSinceFlush,
                          Storage storage) {

    /**
     * @param failing      the last write failed because of the disk (full, read-only, I/O error)
     * @param notStored    messages refused since start: their producers were told, their numbers
     *                     are gaps at the hub
     * @param held         priority messages the disk refused, waiting in memory to be stored
     * @param failedWrites writes (group commits) that failed since start
     */
    public record Storage(boolean failing, long notStored, long held, long failedWrites) {
    }

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
        metrics.put("storageFailing", storage.failing());
        metrics.put("notStored", storage.notStored());
        metrics.put("outboxHeldInMemory", storage.held());
        metrics.put("storageWriteFailures", storage.failedWrites());
        return metrics;
    }
}
