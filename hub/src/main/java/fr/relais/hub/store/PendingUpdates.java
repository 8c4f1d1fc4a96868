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

    private static final Comparator<DeviceKey> DEVICE_ORDER = Comparator.comparing(DeviceKey::node)
            .thenComparing(DeviceKey::device);

    private final Map<String, NodeUpdate> nodes = new TreeMap<>();
    private final Map<DeviceKey, DeviceUpdate> devices = new TreeMap<>(DEVICE_ORDER);
    /** Prepared once for the writer's connection, which lives as long as the hub. */
    private PreparedStatement nodeUpdate;
    private PreparedStatement nodeGaps;
    private PreparedStatement deviceUpdate;

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

    void flush(Connection connection) throws SQLException {
        if (!nodes.isEmpty()) {
            flushNodes(connection);
        }
        if (!devices.isEmpty()) {
            flushDevices(connection);
        }
        clear();
    }

    private void flushNodes(Connection connection) throws SQLException {
        if (nodeUpdate == null) {
            // A node heard from without a number (newSeqs 0) keeps its minimum and maximum.
            nodeUpdate = connection.prepareStatement("UPDATE nodes SET"
                    + " last_seen = CASE WHEN last_seen IS NULL OR last_seen < ? THEN ? ELSE last_seen END,"
                    + " min_seq = CASE WHEN ? = 0 THEN min_seq WHEN min_seq IS NULL OR min_seq > ? THEN ? ELSE min_seq END,"
                    + " max_seq = CASE WHEN ? = 0 THEN max_seq WHEN max_seq IS NULL OR max_seq < ? THEN ? ELSE max_seq END,"
                    + " seq_count = seq_count + ? WHERE id = ?");
            // Two distinct messages under one number would make the count negative: a node's
            // fault, not a hole.
            nodeGaps = connection.prepareStatement("UPDATE nodes SET seq_gaps = seq_gaps_before"
                    + " + CASE WHEN max_seq - min_seq + 1 - seq_count > 0 THEN max_seq - min_seq + 1 - seq_count"
                    + " ELSE 0 END WHERE id = ? AND max_seq IS NOT NULL");
        }
        for (Map.Entry<String, NodeUpdate> entry : nodes.entrySet()) {
            NodeUpdate node = entry.getValue();
            nodeUpdate.setLong(1, node.lastSeen());
            nodeUpdate.setLong(2, node.lastSeen());
            nodeUpdate.setLong(3, node.newSeqs());
            nodeUpdate.setLong(4, node.minSeq());
            nodeUpdate.setLong(5, node.minSeq());
            nodeUpdate.setLong(6, node.newSeqs());
            nodeUpdate.setLong(7, node.maxSeq());
            nodeUpdate.setLong(8, node.maxSeq());
            nodeUpdate.setLong(9, node.newSeqs());
            nodeUpdate.setString(10, entry.getKey());
            nodeUpdate.addBatch();
            if (node.newSeqs() > 0) {
                nodeGaps.setString(1, entry.getKey());
                nodeGaps.addBatch();
            }
        }
        nodeUpdate.executeBatch();
        nodeGaps.executeBatch();
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
    }
}
