package fr.relais.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Updates that only the last value matters for (a node's last contact and sequence, a device's
 * latest health and metrics), folded over a batch and written once at its end: a thousand
 * readings of one device cost one UPDATE, not a thousand.
 */
final class PendingUpdates {
    private record NodeUpdate(long lastSeen, Long maxSeq, long gaps) {
    }

    private record DeviceKey(String node, String device) {
    }

    private record DeviceUpdate(String health, String metrics, long seq, long lastSeen) {
    }

    private record NodeMetrics(String metrics, long seq) {
    }

    private final Map<String, NodeUpdate> nodes = new HashMap<>();
    /** Prepared once for the writer's connection, which lives as long as the hub. */
    private PreparedStatement nodeUpdate;
    private PreparedStatement deviceUpdate;
    private PreparedStatement nodeMetricsUpdate;
    private final Map<DeviceKey, DeviceUpdate> devices = new HashMap<>();
    private final Map<String, NodeMetrics> nodeMetrics = new HashMap<>();

    void node(String node, long seenAt, NodeTracker.Node tracked) {
        NodeUpdate previous = nodes.get(node);
        long lastSeen = previous == null ? seenAt : Math.max(previous.lastSeen(), seenAt);
        nodes.put(node, new NodeUpdate(lastSeen, tracked.maxSeq, tracked.gaps));
    }

    /** A reading of a device; the one with the highest sequence number wins. */
    void device(String node, String device, String health, String metrics, long seq, long seenAt) {
        DeviceKey key = new DeviceKey(node, device);
        DeviceUpdate previous = devices.get(key);
        if (previous == null) {
            devices.put(key, new DeviceUpdate(health, metrics, seq, seenAt));
        } else if (previous.seq() < seq) {
            devices.put(key, new DeviceUpdate(health, metrics, seq, Math.max(seenAt, previous.lastSeen())));
        } else {
            devices.put(key, new DeviceUpdate(previous.health(), previous.metrics(), previous.seq(),
                    Math.max(seenAt, previous.lastSeen())));
        }
    }

    /** A reading of the node itself (outbox, disk, CPU…); the one with the highest sequence number wins. */
    void nodeMetrics(String node, String metrics, long seq) {
        NodeMetrics previous = nodeMetrics.get(node);
        if (previous == null || previous.seq() < seq) {
            nodeMetrics.put(node, new NodeMetrics(metrics, seq));
        }
    }

    void flush(Connection connection) throws SQLException {
        if (!nodes.isEmpty()) {
            flushNodes(connection);
        }
        if (!nodeMetrics.isEmpty()) {
            flushNodeMetrics(connection);
        }
        if (!devices.isEmpty()) {
            flushDevices(connection);
        }
        clear();
    }

    private void flushNodes(Connection connection) throws SQLException {
        if (nodeUpdate == null) {
            nodeUpdate = connection.prepareStatement("UPDATE nodes SET"
                    + " last_seen = CASE WHEN last_seen IS NULL OR last_seen < ? THEN ? ELSE last_seen END,"
                    + " max_seq = ?, seq_gaps = ? WHERE id = ?");
        }
        for (Map.Entry<String, NodeUpdate> entry : nodes.entrySet()) {
            NodeUpdate node = entry.getValue();
            nodeUpdate.setLong(1, node.lastSeen());
            nodeUpdate.setLong(2, node.lastSeen());
            nodeUpdate.setObject(3, node.maxSeq());
            nodeUpdate.setLong(4, node.gaps());
            nodeUpdate.setString(5, entry.getKey());
            nodeUpdate.addBatch();
        }
        nodeUpdate.executeBatch();
    }

    private void flushNodeMetrics(Connection connection) throws SQLException {
        if (nodeMetricsUpdate == null) {
            nodeMetricsUpdate = connection.prepareStatement("UPDATE nodes SET"
                    + " metrics = CASE WHEN metrics_seq IS NULL OR metrics_seq < ? THEN ? ELSE metrics END,"
                    + " metrics_seq = CASE WHEN metrics_seq IS NULL OR metrics_seq < ? THEN ? ELSE metrics_seq END"
                    + " WHERE id = ?");
        }
        for (Map.Entry<String, NodeMetrics> entry : nodeMetrics.entrySet()) {
            NodeMetrics node = entry.getValue();
            nodeMetricsUpdate.setLong(1, node.seq());
            nodeMetricsUpdate.setString(2, node.metrics());
            nodeMetricsUpdate.setLong(3, node.seq());
            nodeMetricsUpdate.setLong(4, node.seq());
            nodeMetricsUpdate.setString(5, entry.getKey());
            nodeMetricsUpdate.addBatch();
        }
        nodeMetricsUpdate.executeBatch();
    }

    private void flushDevices(Connection connection) throws SQLException {
        if (deviceUpdate == null) {
            // Every SET expression sees the row as it was, so the three CASEs agree.
            deviceUpdate = connection.prepareStatement("UPDATE devices SET"
                    + " health = CASE WHEN value_seq IS NULL OR value_seq < ? THEN ? ELSE health END,"
                    + " metrics = CASE WHEN value_seq IS NULL OR value_seq < ? THEN ? ELSE metrics END,"
                    + " value_seq = CASE WHEN value_seq IS NULL OR value_seq < ? THEN ? ELSE value_seq END,"
                    + " last_seen = CASE WHEN last_seen IS NULL OR last_seen < ? THEN ? ELSE last_seen END"
                    + " WHERE node_id = ? AND id = ?");
        }
        for (Map.Entry<DeviceKey, DeviceUpdate> entry : devices.entrySet()) {
            DeviceUpdate device = entry.getValue();
            deviceUpdate.setLong(1, device.seq());
            deviceUpdate.setString(2, device.health());
            deviceUpdate.setLong(3, device.seq());
            deviceUpdate.setString(4, device.metrics());
            deviceUpdate.setLong(5, device.seq());
            deviceUpdate.setLong(6, device.seq());
            deviceUpdate.setLong(7, device.lastSeen());
            deviceUpdate.setLong(8, device.lastSeen());
            deviceUpdate.setString(9, entry.getKey().node());
            deviceUpdate.setString(10, entry.getKey().device());
            deviceUpdate.addBatch();
        }
        deviceUpdate.executeBatch();
    }

    void clear() {
        nodes.clear();
        devices.clear();
        nodeMetrics.clear();
    }
}
