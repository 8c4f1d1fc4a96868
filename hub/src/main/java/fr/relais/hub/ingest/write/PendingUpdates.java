package fr.relais.hub.ingest.write;

import fr.relais.hub.db.DirectStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Updates that only fold over a batch (a node's last contact and sequence numbers, a device's
 * latest health and metrics), written once at its end: a thousand readings of one device cost
 * one UPDATE, not a thousand. Every update is relative to the row as it is (a maximum, a count
 * added), never a value computed from what this hub alone saw: other hubs write the same rows.
 * On SQLite the rows go as JDBC batches, in key order. On PostgreSQL, where several hubs may
 * share a database, each table's rows go as one statement over arrays, one hub at a time, so that
 * two hubs' transactions do not deadlock on each other's rows ({@link UpdateArrays}). The batch
 * folds in hash maps, updated in place, and is sorted once at its end: sorted maps while folding (a
 * comparison of strings per step, a key and a value object per reading) were a fifth of the
 * writer's time.
 */
final class PendingUpdates {
    /**
     * Numbers of one node that belong together: each within {@code maxSeqJump} of those before it
     * in the batch. A number farther away opens another run, written after it: a new numbering.
     */
    private static final class Run {
        long minSeq;
        long maxSeq;
        long count;

        Run(long seq) {
            minSeq = seq;
            maxSeq = seq;
            count = 1;
        }

        boolean near(long seq, long maxJump) {
            // Differences of non-negative numbers: no overflow, whatever a node sends.
            return (seq >= minSeq || minSeq - seq <= maxJump) && (seq <= maxSeq || seq - maxSeq <= maxJump);
        }

        void add(long seq) {
            minSeq = Math.min(minSeq, seq);
            maxSeq = Math.max(maxSeq, seq);
            count++;
        }
    }

    /** A node heard from in the batch: when last, and the runs of numbers it stored, in order. */
    private static final class NodeUpdate {
        long lastSeen;
        final List<Run> runs = new ArrayList<>(1);

        NodeUpdate(long lastSeen) {
            this.lastSeen = lastSeen;
        }
    }

    /** A device's latest reading in the batch; {@code run}: which run of its node's numbers it belongs to. */
    private static final class DeviceUpdate {
        String health;
        String metrics;
        long seq;
        int run;
        long lastSeen;

        DeviceUpdate(String health, String metrics, long seq, int run, long lastSeen) {
            this.health = health;
            this.metrics = metrics;
            this.seq = seq;
            this.run = run;
            this.lastSeen = lastSeen;
        }
    }

    private static final class NodeMetrics {
        String metrics;
        long seq;
        int run;

        NodeMetrics(String metrics, long seq, int run) {
            this.metrics = metrics;
            this.seq = seq;
            this.run = run;
        }
    }

    private final long maxSeqJump;
    private final String nodeUpdateSql;
    /** On PostgreSQL; null on SQLite, where the rows go as JDBC batches. */
    private final UpdateArrays arrays;
    private final Map<String, NodeUpdate> nodes = new HashMap<>();
    /** By node, then by device. */
    private final Map<String, Map<String, DeviceUpdate>> devices = new HashMap<>();
    private final Map<String, NodeMetrics> nodeMetrics = new HashMap<>();
    /** Prepared once for the writer's connection, which lives as long as the hub; direct, not through its proxy. */
    private DirectStatement nodeUpdate;
    private DirectStatement deviceUpdate;
    private DirectStatement nodeMetricsUpdate;

    PendingUpdates(long maxSeqJump) {
        this(maxSeqJump, null);
    }

    PendingUpdates(long maxSeqJump, UpdateArrays arrays) {
        this.maxSeqJump = maxSeqJump;
        this.arrays = arrays;
        this.nodeUpdateSql = BatchEndSql.nodeUpdate(maxSeqJump, "(SELECT ? AS seen, ? AS lo, ? AS hi, ? AS n) AS p",
                "nodes.id = ?");
    }

    /** The node was heard from (a state, a birth): no sequence number to count. */
    void seen(String node, long seenAt) {
        NodeUpdate update = nodes.get(node);
        if (update == null) {
            nodes.put(node, new NodeUpdate(seenAt));
        } else {
            update.lastSeen = Math.max(update.lastSeen, seenAt);
        }
    }

    /** A message with this sequence number was stored for the first time. */
    void numbered(String node, long seq, long seenAt) {
        seen(node, seenAt);
        List<Run> runs = nodes.get(node).runs;
        if (runs.isEmpty() || !runs.get(runs.size() - 1).near(seq, maxSeqJump)) {
            runs.add(new Run(seq));
        } else {
            runs.get(runs.size() - 1).add(seq);
        }
    }

    /** The run the node's latest number belongs to (call after {@link #numbered}). */
    private int run(String node) {
        NodeUpdate update = nodes.get(node);
        return update == null ? 0 : Math.max(0, update.runs.size() - 1);
    }

    /** A reading of a device; the one with the highest sequence number of the latest run wins. */
    void device(String node, String device, String health, String metrics, long seq, long seenAt) {
        int run = run(node);
        Map<String, DeviceUpdate> ofNode = devices.computeIfAbsent(node, n -> new HashMap<>());
        DeviceUpdate previous = ofNode.get(device);
        if (previous == null) {
            ofNode.put(device, new DeviceUpdate(health, metrics, seq, run, seenAt));
            return;
        }
        if (run > previous.run || (run == previous.run && seq > previous.seq)) {
            previous.health = health;
            previous.metrics = metrics;
            previous.seq = seq;
            previous.run = run;
        }
        previous.lastSeen = Math.max(seenAt, previous.lastSeen);
    }

    /** A reading of the node itself (outbox, disk, CPU…); the highest sequence number of the latest run wins. */
    void nodeMetrics(String node, String metrics, long seq) {
        NodeMetrics previous = nodeMetrics.get(node);
        int run = run(node);
        if (previous == null) {
            nodeMetrics.put(node, new NodeMetrics(metrics, seq, run));
        } else if (run > previous.run || (run == previous.run && previous.seq < seq)) {
            previous.metrics = metrics;
            previous.seq = seq;
            previous.run = run;
        }
    }

    void flush(Connection connection) throws SQLException {
        if (arrays != null) {
            flushArrays();
            clear();
            return;
        }
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
            nodeUpdate = DirectStatement.prepare(connection, nodeUpdateSql);
        }
        for (String id : sorted(nodes.keySet())) {
            NodeUpdate node = nodes.get(id);
            if (node.runs.isEmpty()) {
                // Without numbers, the minimum and maximum are placeholders no branch reads.
                addNodeUpdate(id, node.lastSeen, 0, 0, 0);
            }
            // The runs of one node follow each other in the batch: same row, so the lock order holds.
            for (Run run : node.runs) {
                addNodeUpdate(id, node.lastSeen, run.minSeq, run.maxSeq, run.count);
            }
        }
        nodeUpdate.executeBatch();
    }

    /** Each row bound in one call ({@link DirectStatement#addBatch(DirectStatement.Row)}), here and below. */
    private void addNodeUpdate(String node, long seen, long lo, long hi, long n) throws SQLException {
        nodeUpdate.addBatch(row -> {
            row.setLong(1, seen);
            row.setLong(2, lo);
            row.setLong(3, hi);
            row.setLong(4, n);
            row.setString(5, node);
        });
    }

    private void flushNodeMetrics(Connection connection) throws SQLException {
        if (nodeMetricsUpdate == null) {
            String newer = BatchEndSql.newerNodeMetrics("nodes", "?");
            nodeMetricsUpdate = DirectStatement.prepare(connection, "UPDATE nodes SET"
                    + " metrics = CASE WHEN " + newer + " THEN ? ELSE metrics END,"
                    + " metrics_seq = CASE WHEN " + newer + " THEN ? ELSE metrics_seq END"
                    + " WHERE id = ?");
        }
        for (String id : sorted(nodeMetrics.keySet())) {
            NodeMetrics node = nodeMetrics.get(id);
            nodeMetricsUpdate.addBatch(row -> {
                row.setLong(1, node.seq);
                row.setString(2, node.metrics);
                row.setLong(3, node.seq);
                row.setLong(4, node.seq);
                row.setString(5, id);
            });
        }
        nodeMetricsUpdate.executeBatch();
    }

    private void flushDevices(Connection connection) throws SQLException {
        if (deviceUpdate == null) {
            // Every SET expression sees the row as it was, so the three CASEs agree.
            String newer = BatchEndSql.newerDeviceValue("devices", "?");
            deviceUpdate = DirectStatement.prepare(connection, "UPDATE devices SET"
                    + " health = CASE WHEN " + newer + " THEN ? ELSE health END,"
                    + " metrics = CASE WHEN " + newer + " THEN ? ELSE metrics END,"
                    + " value_seq = CASE WHEN " + newer + " THEN ? ELSE value_seq END,"
                    + " last_seen = CASE WHEN last_seen IS NULL OR last_seen < ? THEN ? ELSE last_seen END"
                    + " WHERE node_id = ? AND id = ?");
        }
        // By node, then by device: the order of the rows' key (node_id, id).
        for (String node : sorted(devices.keySet())) {
            Map<String, DeviceUpdate> ofNode = devices.get(node);
            for (String id : sorted(ofNode.keySet())) {
                DeviceUpdate device = ofNode.get(id);
                deviceUpdate.addBatch(row -> {
                    row.setLong(1, device.seq);
                    row.setString(2, device.health);
                    row.setLong(3, device.seq);
                    row.setString(4, device.metrics);
                    row.setLong(5, device.seq);
                    row.setLong(6, device.seq);
                    row.setLong(7, device.lastSeen);
                    row.setLong(8, device.lastSeen);
                    row.setString(9, node);
                    row.setString(10, id);
                });
            }
        }
        deviceUpdate.executeBatch();
    }

    /**
     * The same updates on PostgreSQL, a statement per table, one hub at a time ({@link UpdateArrays}):
     * each node's first run of numbers, all nodes in one statement, and any later run (a new
     * numbering within the batch) in another, as the rows must see the runs in order.
     */
    private void flushArrays() throws SQLException {
        if (nodes.isEmpty() && nodeMetrics.isEmpty() && devices.isEmpty()) {
            return;
        }
        arrays.takeTurn();
        String[] nodeIds = sorted(nodes.keySet());
        for (int round = 0; ; round++) {
            List<String> ids = new ArrayList<>(nodeIds.length);
            List<Long> seen = new ArrayList<>(nodeIds.length);
            List<Long> lo = new ArrayList<>(nodeIds.length);
            List<Long> hi = new ArrayList<>(nodeIds.length);
            List<Long> n = new ArrayList<>(nodeIds.length);
            for (String id : nodeIds) {
                NodeUpdate node = nodes.get(id);
                if (node.runs.size() > round) {
                    Run run = node.runs.get(round);
                    ids.add(id);
                    seen.add(node.lastSeen);
                    lo.add(run.minSeq);
                    hi.add(run.maxSeq);
                    n.add(run.count);
                } else if (round == 0 && node.runs.isEmpty()) {
                    // Without numbers, the minimum and maximum are placeholders no branch reads.
                    ids.add(id);
                    seen.add(node.lastSeen);
                    lo.add(0L);
                    hi.add(0L);
                    n.add(0L);
                }
            }
            if (ids.isEmpty()) {
                break;
            }
            arrays.nodes(ids.toArray(new String[0]), seen.toArray(new Long[0]), lo.toArray(new Long[0]),
                    hi.toArray(new Long[0]), n.toArray(new Long[0]));
        }
        if (!nodeMetrics.isEmpty()) {
            String[] ids = sorted(nodeMetrics.keySet());
            Long[] seqs = new Long[ids.length];
            String[] values = new String[ids.length];
            for (int i = 0; i < ids.length; i++) {
                NodeMetrics node = nodeMetrics.get(ids[i]);
                seqs[i] = node.seq;
                values[i] = node.metrics;
            }
            arrays.nodeMetrics(ids, seqs, values);
        }
        if (!devices.isEmpty()) {
            flushDeviceArrays();
        }
    }

    private void flushDeviceArrays() throws SQLException {
        int count = 0;
        for (Map<String, DeviceUpdate> ofNode : devices.values()) {
            count += ofNode.size();
        }
        String[] nodeIds = new String[count];
        String[] ids = new String[count];
        String[] health = new String[count];
        String[] metrics = new String[count];
        Long[] seqs = new Long[count];
        Long[] seen = new Long[count];
        int i = 0;
        for (String node : sorted(devices.keySet())) {
            Map<String, DeviceUpdate> ofNode = devices.get(node);
            for (String id : sorted(ofNode.keySet())) {
                DeviceUpdate device = ofNode.get(id);
                nodeIds[i] = node;
                ids[i] = id;
                health[i] = device.health;
                metrics[i] = device.metrics;
                seqs[i] = device.seq;
                seen[i] = device.lastSeen;
                i++;
            }
        }
        arrays.devices(nodeIds, ids, health, metrics, seqs, seen);
    }

    /** Keys in String order (as the sorted maps did before): the rows' key order, whatever the readings' order. */
    private static String[] sorted(Set<String> keys) {
        String[] sorted = keys.toArray(new String[0]);
        Arrays.sort(sorted);
        return sorted;
    }

    void clear() {
        nodes.clear();
        devices.clear();
        nodeMetrics.clear();
    }
}
