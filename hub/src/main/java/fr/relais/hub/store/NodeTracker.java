package fr.relais.hub.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * What the writer must know of each node to judge the next message without a query: its site,
 * its current connection ({@code bdSeq}) and the highest sequence number seen. Owned by the
 * writer thread; loaded from the database when the hub starts.
 */
final class NodeTracker {
    /** One node as the writer sees it. */
    static final class Node {
        final String site;
        Long bdSeq;
        Long maxSeq;
        long gaps;

        Node(String site, Long bdSeq, Long maxSeq, long gaps) {
            this.site = site;
            this.bdSeq = bdSeq;
            this.maxSeq = maxSeq;
            this.gaps = gaps;
        }

        /**
         * Counts the holes a new sequence number opens or fills. Messages may arrive out of order
         * (replays put alarms first), so a late number fills a hole counted before.
         */
        long track(long seq) {
            if (maxSeq == null) {
                maxSeq = seq;
                return 0;
            }
            if (seq > maxSeq) {
                long opened = seq - maxSeq - 1;
                maxSeq = seq;
                gaps += opened;
                return opened;
            }
            if (seq < maxSeq && gaps > 0) {
                gaps--;
                return -1;
            }
            return 0;
        }
    }

    private final Map<String, Node> nodes = new HashMap<>();

    void load(Connection connection) throws SQLException {
        nodes.clear();
        try (Statement select = connection.createStatement();
             ResultSet row = select.executeQuery("SELECT id, site_id, bd_seq, max_seq, seq_gaps FROM nodes")) {
            while (row.next()) {
                nodes.put(row.getString(1), new Node(row.getString(2), nullableLong(row, 3), nullableLong(row, 4),
                        row.getLong(5)));
            }
        }
    }

    long totalGaps() {
        long sum = 0;
        for (Node node : nodes.values()) {
            sum += node.gaps;
        }
        return sum;
    }

    Node get(String node) {
        return nodes.get(node);
    }

    Node add(String node, String site) {
        Node created = new Node(site, null, null, 0);
        nodes.put(node, created);
        return created;
    }

    Node replace(String node, String site, Node previous) {
        Node moved = new Node(site, previous == null ? null : previous.bdSeq, null, 0);
        nodes.put(node, moved);
        return moved;
    }

    private static Long nullableLong(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
