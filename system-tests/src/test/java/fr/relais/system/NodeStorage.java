package fr.relais.system;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/** Reads a node's or the hub's SQLite file directly, as a technician with sqlite3 would. */
final class NodeStorage {
    private NodeStorage() {
    }

    /** The node's last stored sequence number: it produced 0 to this, each exactly once. */
    static long lastSequence(Path agentDb) throws SQLException {
        return single(agentDb, "SELECT value FROM local_state WHERE name = 'seq'");
    }

    static long outboxDepth(Path agentDb) throws SQLException {
        return single(agentDb, "SELECT (SELECT COUNT(*) FROM outbox_priority) + (SELECT COUNT(*) FROM outbox_routine)");
    }

    /** The sequence numbers the hub stored for a node, telemetry and events. */
    static Set<Long> storedSequences(Path hubDb, String node) throws SQLException {
        Set<Long> sequences = new HashSet<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + hubDb);
             Statement select = connection.createStatement();
             ResultSet row = select.executeQuery("SELECT seq FROM telemetry WHERE node_id = '" + node
                     + "' UNION ALL SELECT seq FROM events WHERE node_id = '" + node + "'")) {
            while (row.next()) {
                if (!sequences.add(row.getLong(1))) {
                    throw new AssertionError("sequence " + row.getLong(1) + " of " + node + " is stored twice");
                }
            }
        }
        return sequences;
    }

    private static long single(Path file, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement select = connection.createStatement(); ResultSet row = select.executeQuery(sql)) {
            return row.next() ? row.getLong(1) : -1;
        }
    }
}
