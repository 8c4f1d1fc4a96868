package fr.relais.hub.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * A deletion in transactions of {@link #BATCH} rows with a pause between them: SQLite lets one
 * writer in at a time, and ingestion must never wait long behind a retention run.
 */
public final class BatchedDelete {
    public static final int BATCH = 1_000;
    /** Between two deletions, ingestion gets its turn at the database. */
    private static final long PAUSE_MILLIS = 5;

    private BatchedDelete() {
    }

    /**
     * Runs {@code sql} (a DELETE of at most {@link #BATCH} rows, whose last parameter is
     * {@code before}, preceded by {@code node} when not null) until it deletes fewer; how many went.
     */
    public static long run(Connection connection, String sql, String node, long before)
            throws SQLException, InterruptedException {
        return run(connection, sql, delete -> {
            int parameter = 1;
            if (node != null) {
                delete.setString(parameter++, node);
            }
            delete.setLong(parameter, before);
        });
    }

    /** Sets a batched deletion's parameters, the same before each of its transactions. */
    @FunctionalInterface
    public interface Parameters {
        void bind(PreparedStatement delete) throws SQLException;
    }

    /** Runs {@code sql} (a DELETE of at most {@link #BATCH} rows) until it deletes fewer; how many went. */
    public static long run(Connection connection, String sql, Parameters parameters)
            throws SQLException, InterruptedException {
        long total = 0;
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            while (true) {
                parameters.bind(delete);
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
