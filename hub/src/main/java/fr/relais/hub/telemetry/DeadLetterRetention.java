package fr.relais.hub.telemetry;

import fr.relais.hub.db.BatchedDelete;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Deletes dead letters not received again for longer than their retention, a thousand per
 * transaction ({@link BatchedDelete}), so that ingestion never waits long behind it. A message
 * that keeps coming (a retained garbage state) stays while it comes.
 */
public final class DeadLetterRetention {
    static final int BATCH = BatchedDelete.BATCH;

    private final Connection connection;

    public DeadLetterRetention(Connection connection) {
        this.connection = connection;
    }

    /** Dead letters last received before {@code before}; returns how many were deleted. */
    public long run(long before) throws SQLException, InterruptedException {
        return BatchedDelete.run(connection, "DELETE FROM dead_letters WHERE id IN"
                + " (SELECT id FROM dead_letters WHERE last_received_at < ? LIMIT " + BATCH + ")", null, before);
    }
}
