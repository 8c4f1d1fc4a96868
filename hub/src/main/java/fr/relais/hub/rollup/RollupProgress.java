package fr.relais.hub.rollup;

import fr.relais.hub.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One row of {@code rollup_progress}: every period before {@code done_until} is rolled up, none
 * after (0: not started). Moving it is the first write of the transaction that writes the
 * rollup, and only from the value the job started from: running twice, or on two hubs at once,
 * never counts a period twice, and on SQLite the write lock is taken before anything is read in it.
 */
public final class RollupProgress {
    /** The rollup's own writes, done in the transaction that moved the progress. */
    @FunctionalInterface
    public interface Work {
        void write(Connection connection) throws SQLException;
    }

    private final Connection connection;
    private final String name;

    public RollupProgress(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    /** Every period before this is rolled up; 0 when the job has not started. Ends its read transaction. */
    public long doneUntil() throws SQLException {
        try {
            return Sql.one(connection, "SELECT done_until FROM rollup_progress WHERE resolution = ?",
                    row -> row.getLong(1), name).orElseThrow(() -> new SQLException("no rollup_progress row '"
                    + name + "': a migration is missing"));
        } finally {
            connection.commit();
        }
    }

    /** Records where a job that never ran starts; another hub may have recorded it first. Returns the start. */
    public long startAt(long first) throws SQLException {
        try {
            Sql.update(connection, "UPDATE rollup_progress SET done_until = ? WHERE resolution = ? AND done_until = 0",
                    first, name);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
        return doneUntil();
    }

    /**
     * In one transaction: moves the progress from {@code from} to {@code to}, then does the work.
     * False, with nothing written, when another hub moved it first (its rollup stands).
     */
    public boolean advance(long from, long to, Work work) throws SQLException {
        try {
            if (Sql.update(connection, "UPDATE rollup_progress SET done_until = ? WHERE resolution = ?"
                    + " AND done_until = ?", to, name, from) == 0) {
                connection.rollback();
                return false;
            }
            work.write(connection);
            connection.commit();
            return true;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }
}
