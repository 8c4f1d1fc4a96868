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
 * Rows are updated in key order, so two hubs' transactions take their row locks in the same
 * order and do not deadlock on each other. The batch folds in hash maps, updated in place, and is
 * sorted once at its end: sorted maps while folding (a comparison of strings per step, a key and
 * a value object per reading) were a fifth of the writer's time.
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
    private final Map<String, NodeUpdate> nodes = new HashMap<>();
    /** By node, then by device. */
    private final Map<String, Map<String, DeviceUpdate>> devices = new HashMap<>();
    private final Map<String, NodeMetrics> nodeMetrics = new HashMap<>();
    /** Prepared once for the writer's connection, which lives as long as the hub; direct, not through its proxy. */
    private DirectStatement nodeUpdate;
    private DirectStatement deviceUpdate;
    private DirectStatement nodeMetricsUpdate;

    PendingUpdates(long maxSeqJump) {
        this.maxSeqJump = maxSeqJump;
        this.nodeUpdateSql = nodeUpdate(maxSeqJump);
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
     * One statement per run of a node's numbers, the run's figures given once in {@code p}. Every
     * SET expression sees the row as it was, so the jump test and the new minimum, maximum and
     * count are spelled out again wherever they are used. A run far from the node's numbering
     * (JUMP) starts a new one: the holes counted so far are kept in {@code seq_gaps_before}, and
     * counting starts afresh from the run. A node heard from without a number (n = 0) keeps its
     * numbers and gaps. All differences are of non-negative numbers, so none overflows.
     */
    private static String nodeUpdate(long maxSeqJump) {
        String jump = "(p.n > 0 AND nodes.max_seq IS NOT NULL AND (p.lo - nodes.max_seq > " + maxSeqJump
                + " OR nodes.min_seq - p.hi > " + maxSeqJump + "))";
        String newMin = "CASE WHEN nodes.min_seq IS NULL OR nodes.min_seq > p.lo THEN p.lo ELSE nodes.min_seq END";
        String newMax = "CASE WHEN nodes.max_seq IS NULL OR nodes.max_seq < p.hi THEN p.hi ELSE nodes.max_seq END";
        String holes = "(" + newMax + ") - (" + newMin + ") + 1 - (nodes.seq_count + p.n)";
        String runHoles = "(p.hi - p.lo + 1 - p.n)";
        return "UPDATE nodes SET"
                + " last_seen = CASE WHEN nodes.last_seen IS NULL OR nodes.last_seen < p.seen THEN p.seen"
                + " ELSE nodes.last_seen END,"
                + " seq_resets = nodes.seq_resets + CASE WHEN " + jump + " THEN 1 ELSE 0 END,"
                + " seq_reset_at = CASE WHEN " + jump + " THEN p.seen ELSE nodes.seq_reset_at END,"
                + " seq_gaps_before = CASE WHEN " + jump + " THEN nodes.seq_gaps ELSE nodes.seq_gaps_before END,"
                + " min_seq = CASE WHEN p.n = 0 THEN nodes.min_seq WHEN " + jump + " THEN p.lo ELSE " + newMin + " END,"
                + " max_seq = CASE WHEN p.n = 0 THEN nodes.max_seq WHEN " + jump + " THEN p.hi ELSE " + newMax + " END,"
                + " seq_count = CASE WHEN " + jump + " THEN p.n ELSE nodes.seq_count + p.n END,"
                // Two distinct messages under one number would make the count negative: a node's
                // fault, not a hole.
                + " seq_gaps = CASE WHEN p.n = 0 THEN nodes.seq_gaps"
                + " WHEN " + jump + " THEN nodes.seq_gaps + CASE WHEN " + runHoles + " > 0 THEN " + runHoles + " ELSE 0 END"
                + " WHEN " + holes + " > 0 THEN nodes.seq_gaps_before + " + holes
                + " ELSE nodes.seq_gaps_before END"
                + " FROM (SELECT ? AS seen, ? AS lo, ? AS hi, ? AS n) AS p WHERE nodes.id = ?";
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
            // A value numbered beyond the node's numbering belongs to one it abandoned (a number
            // that jumped, a lost SD card): any reading of the current numbering replaces it.
            String newer = "(metrics_seq IS NULL OR metrics_seq < ? OR metrics_seq > max_seq)";
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
            // Every SET expression sees the row as it was, so the three CASEs agree. A value numbered
            // beyond its node's numbering belongs to one the node abandoned: replaced, like above.
            String newer = "(value_seq IS NULL OR value_seq < ? OR value_seq >"
                    + " (SELECT n.max_seq FROM nodes n WHERE n.id = devices.node_id))";
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

    /** Keys in String order, as every hub sorts them (and as the sorted maps did before): the lock order. */
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
