package fr.relais.hub.telemetry;

import fr.relais.hub.db.BatchedDelete;
import fr.relais.hub.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Deletes what is kept no longer, a thousand rows per transaction: SQLite lets one writer in at
 * a time, and ingestion must never wait long behind a deletion. Raw telemetry goes only once
 * rolled up, and minute rollups only once rolled into hours, so a rollup that fell behind
 * delays the deletion instead of losing readings.
 */
public final class TelemetryRetention {
    public static final int BATCH = BatchedDelete.BATCH;

    private final Connection connection;

    public TelemetryRetention(Connection connection) {
        this.connection = connection;
    }

    /** Raw readings received before {@code before}; returns how many were deleted. */
    public long raw(long before) throws SQLException, InterruptedException {
        long deleted = 0;
        for (String node : nodes()) {
            // Per node, to walk the (node_id, received_at) index rather than the whole table.
            deleted += inBatches("DELETE FROM telemetry WHERE msg_id IN (SELECT msg_id FROM telemetry"
                    + " WHERE node_id = ? AND received_at < ? LIMIT " + BATCH + ")", node, before);
        }
        return deleted;
    }

    /** Rollups of periods that started before {@code before}; returns how many were deleted. */
    public long rollups(String table, long before) throws SQLException, InterruptedException {
        return inBatches("DELETE FROM " + table + " WHERE (node_id, device_id, metric, bucket_start) IN"
                + " (SELECT node_id, device_id, metric, bucket_start FROM " + table + " WHERE bucket_start < ?"
                + " LIMIT " + BATCH + ")", null, before);
    }

    private long inBatches(String sql, String node, long before) throws SQLException, InterruptedException {
        return BatchedDelete.run(connection, sql, node, before);
    }

    private List<String> nodes() throws SQLException {
        try {
            return Sql.query(connection, "SELECT id FROM nodes", row -> row.getString(1));
        } finally {
            connection.commit();
        }
    }
}
