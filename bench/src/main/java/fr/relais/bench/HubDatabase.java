package fr.relais.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What the hub stored, read straight from its database: the judge of what was delivered. */
final class HubDatabase implements AutoCloseable {
    private final Connection connection;
    private final String jdbcUrl;

    HubDatabase(Path file) throws SQLException {
        this("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /** The hub's database at the URL the hub itself was given (SQLite, PostgreSQL). */
    HubDatabase(String jdbcUrl) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl);
        this.jdbcUrl = jdbcUrl;
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

    /**
     * For each telemetry row numbered after {@code afterSeq} of the nodes whose id starts with
     * {@code nodePrefix}, the milliseconds from the producer's {@code ts} to the hub's
     * {@code received_at}: one row each, so their number is also what was stored (a message id is
     * stored once at most).
     */
    long[] telemetryLatencies(String nodePrefix, long afterSeq) throws SQLException {
        // LIKE rather than a range on node_id: under a locale collation PostgreSQL orders '-' and
        // '~' by letters alone. Node ids never contain LIKE's wildcards ('%', '_').
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT received_at - device_ts FROM telemetry WHERE node_id LIKE ? AND seq > ?")) {
            select.setString(1, nodePrefix + "%");
            select.setLong(2, afterSeq);
            select.setFetchSize(10_000);
            try (ResultSet rows = select.executeQuery()) {
                LongList latencies = new LongList();
                while (rows.next()) {
                    latencies.add(rows.getLong(1));
                }
                return latencies.toArray();
            }
        }
    }

    /** Telemetry rows numbered up to {@code maxSeq} of the nodes whose id starts with {@code nodePrefix}. */
    long telemetryRows(String nodePrefix, long maxSeq) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COUNT(*) FROM telemetry WHERE node_id LIKE ? AND seq <= ?")) {
            select.setString(1, nodePrefix + "%");
            select.setLong(2, maxSeq);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * The database's size in bytes. SQLite: the file and its write-ahead log, as they are on disk.
     * PostgreSQL: the telemetry table with its indexes and TOAST ({@code pg_total_relation_size}),
     * the part that grows with the messages; read before a run's rows are deleted, and including
     * whatever other runs left in that table.
     */
    long sizeBytes() throws SQLException {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            String path = jdbcUrl.substring("jdbc:sqlite:".length());
            int query = path.indexOf('?');
            Path file = Path.of(query < 0 ? path : path.substring(0, query));
            return fileSize(file) + fileSize(file.resolveSibling(file.getFileName() + "-wal"));
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT pg_total_relation_size('telemetry')");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static long fileSize(Path file) throws SQLException {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new SQLException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }

    /** Dead letters of the nodes whose id starts with {@code nodePrefix} (their topic names the node). */
    long deadLetters(String nodePrefix) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COUNT(*) FROM dead_letters WHERE topic LIKE ?")) {
            select.setString(1, "%/" + nodePrefix + "%");
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * Removes what a run stored about its own nodes and site, in a database that outlives the run
     * (PostgreSQL): a few hundred thousand rows a run would otherwise pile up there. Only ids of
     * that run match: they start with the run's own random id.
     */
    void deleteRun(String site, String nodePrefix) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (String delete : new String[] {"DELETE FROM telemetry WHERE node_id LIKE ?",
                    "DELETE FROM events WHERE node_id LIKE ?", "DELETE FROM devices WHERE node_id LIKE ?",
                    "DELETE FROM dead_letters WHERE topic LIKE '%/' || ?",
                    "DELETE FROM nodes WHERE id LIKE ?"}) {
                try (PreparedStatement statement = connection.prepareStatement(delete)) {
                    statement.setString(1, nodePrefix + "%");
                    statement.executeUpdate();
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM sites WHERE id = ?")) {
                statement.setString(1, site);
                statement.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /** A growing array of longs: a few hundred thousand boxed Longs would be wasteful. */
    private static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
