package fr.relais.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * Deletes dead letters not received again for longer than their retention, a thousand per
 * transaction like {@link TelemetryRetention}, so that ingestion never waits long behind it. A
 * message that keeps coming (a retained garbage state) stays while it comes.
 */
final class DeadLetterRetention {
    static final int BATCH = 1_000;
    private static final long PAUSE_MILLIS = 5;

    private final Connection connection;

    DeadLetterRetention(Connection connection) {
        this.connection = connection;
    }

    /** Dead letters last received before {@code before}; returns how many were deleted. */
    long run(long before) throws SQLException, InterruptedException {
        long total = 0;
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM dead_letters WHERE id IN"
                + " (SELECT id FROM dead_letters WHERE last_received_at < ? LIMIT " + BATCH + ")")) {
            while (true) {
                delete.setLong(1, before);
                int deleted;
                try {
                    deleted = delete.executeUpdate();
                    connection.commit();
                } catch (SQLException e) {
                    connection.rollback();
                    throw e;
                }
                total += deleted;
                if (deleted < BATCH) {
                    return total;
                }
                TimeUnit.MILLISECONDS.sleep(PAUSE_MILLIS);
            }
        }
    }
}
