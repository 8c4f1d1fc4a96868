package fr.relais.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Updates that only fold over a batch (a node's last contact and sequence numbers, a device's
 * latest health and metrics), written once at its end: a thousand readings of one device cost
 * one UPDATE, not a thousand. Every update is relative to the row as it is (a maximum, a count
 * added), never a value computed from what this hub alone saw: other hubs write the same rows.
 * Rows are updated in key order, so two hubs' transactions take their row locks in the same
 * order and do not deadlock on each other.
 */
final class PendingUpdates {
    /** @param newSeqs how many messages stored in the batch carried a sequence number */
    private record NodeUpdate(long lastSeen, long minSeq, long maxSeq, long newSeqs) {
    }

    private record DeviceKey(String node, String device) {
    }

    private record DeviceUpdate(String health, String metrics, long seq, long lastSeen) {
    }

    private record NodeMetrics(String metrics, long seq) {
    }

    private static final Comparator<DeviceKey> DEVICE_ORDER = Comparator.comparing(DeviceKey::node)
            .thenComparing(DeviceKey::device);

    private final Map<String, NodeUpdate> nodes = new TreeMap<>();
    private final Map<DeviceKey, DeviceUpdate> devices = new TreeMap<>(DEVICE_ORDER);
    private final Map<String, NodeMetrics> nodeMetrics = new TreeMap<>();
    /** Prepared once for the writer's connection, which lives as long as the hub. */
    private PreparedStatement nodeUpdate;
    private PreparedStatement deviceUpdate;
    private PreparedStatement nodeMetricsUpdate;

    /** The node was heard from (a state, a birth): no sequence number to count. */
    void seen(String node, long seenAt) {
        NodeUpdate previous = nodes.get(node);
        nodes.put(node, previous == null ? new NodeUpdate(seenAt, Long.MAX_VALUE, Long.MIN_VALUE, 0)
                : new NodeUpdate(Math.max(previous.lastSeen(), seenAt), previous.minSeq(), previous.maxSeq(),
                previous.newSeqs()));
    }

    /** A message with this sequence number was stored for the first time. */
    void numbered(String node, long seq, long seenAt) {
        NodeUpdate previous = nodes.get(node);
        nodes.put(node, previous == null ? new NodeUpdate(seenAt, seq, seq, 1)
                : new NodeUpdate(Math.max(previous.lastSeen(), seenAt), Math.min(previous.minSeq(), seq),
                Math.max(previous.maxSeq(), seq), previous.newSeqs() + 1));
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

    /**
     * Every SET expression sees the row as it was, so the new minimum, maximum and count are
     * spelled out again where the gaps are computed from them: one statement per node.
     * A node heard from without a number (newSeqs 0) keeps its numbers and gaps.
     */
    private static final String NEW_MIN = "CASE WHEN min_seq IS NULL OR min_seq > ? THEN ? ELSE min_seq END";
    private static final String NEW_MAX = "CASE WHEN max_seq IS NULL OR max_seq < ? THEN ? ELSE max_seq END";
    private static final String HOLES = "(" + NEW_MAX + ") - (" + NEW_MIN + ") + 1 - (seq_count + ?)";
    private static final String NODE_UPDATE = "UPDATE nodes SET"
            + " last_seen = CASE WHEN last_seen IS NULL OR last_seen < ? THEN ? ELSE last_seen END,"
            + " min_seq = CASE WHEN ? = 0 THEN min_seq ELSE " + NEW_MIN + " END,"
            + " max_seq = CASE WHEN ? = 0 THEN max_seq ELSE " + NEW_MAX + " END,"
            // Two distinct messages under one number would make the count negative: a node's
            // fault, not a hole.
            + " seq_gaps = CASE WHEN ? = 0 THEN seq_gaps WHEN " + HOLES + " > 0 THEN seq_gaps_before + " + HOLES
            + " ELSE seq_gaps_before END,"
            + " seq_count = seq_count + ? WHERE id = ?";

    private void flushNodes(Connection connection) throws SQLException {
        if (nodeUpdate == null) {
            nodeUpdate = connection.prepareStatement(NODE_UPDATE);
        }
        for (Map.Entry<String, NodeUpdate> entry : nodes.entrySet()) {
            NodeUpdate folded = entry.getValue();
            // Without numbers, the minimum and maximum are placeholders no branch reads: zeros, so
            // that no expression can overflow.
            NodeUpdate node = folded.newSeqs() == 0 ? new NodeUpdate(folded.lastSeen(), 0, 0, 0) : folded;
            int p = 1;
            nodeUpdate.setLong(p++, node.lastSeen());
            nodeUpdate.setLong(p++, node.lastSeen());
            nodeUpdate.setLong(p++, node.newSeqs());
            p = min(p, node);
            nodeUpdate.setLong(p++, node.newSeqs());
            p = max(p, node);
            nodeUpdate.setLong(p++, node.newSeqs());
            p = holes(p, node);
            p = holes(p, node);
            nodeUpdate.setLong(p++, node.newSeqs());
            nodeUpdate.setString(p, entry.getKey());
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

    private int min(int p, NodeUpdate node) throws SQLException {
        nodeUpdate.setLong(p, node.minSeq());
        nodeUpdate.setLong(p + 1, node.minSeq());
        return p + 2;
    }

    private int max(int p, NodeUpdate node) throws SQLException {
        nodeUpdate.setLong(p, node.maxSeq());
        nodeUpdate.setLong(p + 1, node.maxSeq());
        return p + 2;
    }

    private int holes(int p, NodeUpdate node) throws SQLException {
        int next = min(max(p, node), node);
        nodeUpdate.setLong(next, node.newSeqs());
        return next + 1;
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
