package fr.relais.hub.telemetry;

import fr.relais.hub.db.BatchedDelete;
import fr.relais.hub.db.MessageIdColumn;
import fr.relais.hub.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

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
        long deleted = inIdOrder(before);
        for (String node : nodes()) {
            // What the first pass left: ids that are not UUIDv7 or from a clock ahead of time.
            // Per node, to walk the (node_id, received_at) index rather than the whole table.
            deleted += inBatches("DELETE FROM telemetry WHERE msg_id IN (SELECT msg_id FROM telemetry"
                    + " WHERE node_id = ? AND received_at < ? LIMIT " + BATCH + ")", node, before);
        }
        return deleted;
    }

    /**
     * First, in the order of the ids: the agents' ids are UUIDv7, whose first 48 bits are the
     * millisecond they were made, so the readings to delete sit together at the start of the id's
     * index and of the table, and each page is rewritten once. Per node, as below, one node's rows
     * are spread over pages shared with every other node and each page is rewritten once per node
     * (measured: ~15 KB written per deleted row with 200 nodes). The condition on received_at is
     * the one that decides, as below; the id only says where to look. A reading whose id is older
     * than its reception (an outbox replaying after an outage) is skipped here and looked at again
     * by each batch: those are few.
     */
    private long inIdOrder(long before) throws SQLException, InterruptedException {
        MessageIdColumn ids = MessageIdColumn.of(connection);
        UUID made = new UUID(before << 16, 0); // below every UUIDv7 of the millisecond before
        return BatchedDelete.run(connection, "DELETE FROM telemetry WHERE msg_id IN"
                + " (SELECT msg_id FROM telemetry WHERE msg_id < ? AND received_at < ? ORDER BY msg_id LIMIT "
                + BATCH + ")", delete -> {
                    ids.bind(delete, 1, made);
                    delete.setLong(2, before);
                });
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
