package fr.relais.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What the hub stored, read straight from its database: the judge of what was delivered. */
final class HubDatabase implements AutoCloseable {
    private final Connection connection;

    HubDatabase(Path file) throws SQLException {
        this.connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /** Distinct sequence numbers stored for a node (telemetry and events): what arrived, once each. */
    long distinctSequences(String node) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COUNT(*) FROM (SELECT seq FROM telemetry WHERE node_id = ?"
                        + " UNION SELECT seq FROM events WHERE node_id = ?)")) {
            select.setString(1, node);
            select.setString(2, node);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
