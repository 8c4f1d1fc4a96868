package fr.relais.hub.ingest.write;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a batch changed, gathered while the writer applies it and told to {@link BatchChanges}
 * once it is committed (forgotten if it rolls back). One device counts once per batch, with its
 * latest reading. Costs a few map operations per message, on the writer's thread.
 */
final class ChangeCollector {
    private record DeviceKey(String node, String device) {
    }

    private final Map<DeviceKey, BatchChanges.Device> devices = new LinkedHashMap<>();
    private final List<BatchChanges.Node> nodes = new ArrayList<>();
    private final List<BatchChanges.StoredEvent> events = new ArrayList<>();
    private final List<String> commands = new ArrayList<>();
    /** The health last committed per device, to tell a change from a repeat; as many entries as devices. */
    private final Map<DeviceKey, String> committedHealth = new HashMap<>();
    private volatile BatchChanges listener = BatchChanges.NONE;

    void listener(BatchChanges listener) {
        this.listener = java.util.Objects.requireNonNull(listener, "listener");
    }

    private boolean off() {
        return listener == BatchChanges.NONE;
    }

    void device(String site, String node, String device, String health, String metrics, long agentTs, long at) {
        if (!off()) {
            devices.put(new DeviceKey(node, device),
                    new BatchChanges.Device(site, node, device, health, metrics, agentTs, at, false));
        }
    }

    void node(String site, String node, String state, boolean birth, long at) {
        if (!off()) {
            nodes.add(new BatchChanges.Node(site, node, state, birth, at));
        }
    }

    void event(String site, String node, String device, String type, String severity, long agentTs, long at) {
        if (!off()) {
            events.add(new BatchChanges.StoredEvent(site, node, device, type, severity, agentTs, at));
        }
    }

    void command(String id) {
        if (!off()) {
            commands.add(id);
        }
    }

    /** The batch is committed: tells the listener, then starts afresh. */
    void committed() {
        BatchChanges current = listener;
        if (current == BatchChanges.NONE || devices.isEmpty() && nodes.isEmpty() && events.isEmpty()
                && commands.isEmpty()) {
            clear();
            return;
        }
        List<BatchChanges.Device> changed = new ArrayList<>(devices.size());
        devices.forEach((key, device) -> {
            String before = committedHealth.put(key, device.health());
            changed.add(new BatchChanges.Device(device.site(), device.node(), device.device(), device.health(),
                    device.metrics(), device.agentTs(), device.receivedAt(), !device.health().equals(before)));
        });
        BatchChanges.Batch batch = new BatchChanges.Batch(changed, List.copyOf(nodes), List.copyOf(events),
                List.copyOf(commands));
        clear();
        try {
            current.committed(batch);
        } catch (RuntimeException e) {
            // A listener's failure must not look like the batch's: it is stored and acknowledged.
            org.slf4j.LoggerFactory.getLogger(ChangeCollector.class).warn("a batch's changes were not told: {}",
                    e.toString());
        }
    }

    void clear() {
        devices.clear();
        nodes.clear();
        events.clear();
        commands.clear();
    }
}
