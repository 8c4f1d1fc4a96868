package fr.relais.hub.ingest.write;

import java.util.List;

/**
 * Told, after each committed batch, what changed in it: the devices' latest readings, the nodes'
 * states and births, the events stored for the first time and the commands whose replies were
 * stored. The live channel and the alert evaluator's wake-up listen. Called on the ingestion
 * writer's thread: an implementation hands the batch over (to Vert.x) and returns at once; it
 * must never block, or ingestion waits for a slow browser.
 */
public interface BatchChanges {
    BatchChanges NONE = batch -> {
    };

    /**
     * A device's latest reading in the batch.
     *
     * @param metrics       the metrics as the registry keeps them (a flat JSON object's text)
     * @param healthChanged the health differs from the last one this hub committed (or is the first)
     */
    record Device(String site, String node, String device, String health, String metrics, long agentTs,
                  long receivedAt, boolean healthChanged) {
    }

    /** A node's state as applied ({@code online}, {@code offline}, {@code lost}); {@code birth} on a birth. */
    record Node(String site, String node, String state, boolean birth, long at) {
    }

    /** An event stored for the first time; {@code device} is null for the node's own. */
    record StoredEvent(String site, String node, String device, String type, String severity, long agentTs,
                       long receivedAt) {
    }

    /** @param commands the ids of the commands a stored reply moved along */
    record Batch(List<Device> devices, List<Node> nodes, List<StoredEvent> events, List<String> commands) {
        public boolean isEmpty() {
            return devices.isEmpty() && nodes.isEmpty() && events.isEmpty() && commands.isEmpty();
        }

        /** Whether the alert rules may see something new: a health that changed, a node's state, an event. */
        public boolean mayChangeAlerts() {
            return !events.isEmpty() || !nodes.isEmpty() || devices.stream().anyMatch(Device::healthChanged);
        }
    }

    /** The batch committed; never called with an empty one. */
    void committed(Batch batch);

    /** Several listeners, told in this order. */
    static BatchChanges all(BatchChanges... listeners) {
        List<BatchChanges> list = List.of(listeners);
        return batch -> list.forEach(listener -> listener.committed(batch));
    }
}
