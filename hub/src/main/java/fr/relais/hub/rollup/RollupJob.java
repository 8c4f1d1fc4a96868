package fr.relais.hub.rollup;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A read model built incrementally from what the hub stored (occupancy per hour, broadband per
 * month, the demo's simulated history…), run by {@link Housekeeping} on its own connection after
 * the telemetry rollups. A job keeps its place in {@code rollup_progress} through
 * {@link RollupProgress}, so that each period is counted once, even with two hubs on one database.
 * New jobs are registered where the hub is wired, never coded into Housekeeping.
 */
public interface RollupJob {
    /** Its name in logs, and its row in {@code rollup_progress} when it keeps one. */
    String name();

    /**
     * Rolls up what has closed before {@code now}, in at most {@code maxSteps} short transactions
     * (a long catch-up is spread over runs, so that ingestion is never held off for long).
     *
     * @param connection the housekeeping connection, auto-commit off; the job commits or rolls back
     * @return the steps done; 0 when there was nothing left to do
     */
    int run(Connection connection, long now, int maxSteps) throws SQLException;
}
