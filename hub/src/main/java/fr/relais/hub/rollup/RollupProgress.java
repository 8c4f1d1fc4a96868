package fr.relais.hub.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT done_until FROM rollup_progress WHERE resolution = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("no rollup_progress row '" + name + "': a migration is missing");
                }
                return row.getLong(1);
            }
        } finally {
            connection.commit();
        }
    }

    /** Records where a job that never ran starts; another hub may have recorded it first. Returns the start. */
    public long startAt(long first) throws SQLException {
        try (PreparedStatement move = connection.prepareStatement(
                "UPDATE rollup_progress SET done_until = ? WHERE resolution = ? AND done_until = 0")) {
            move.setLong(1, first);
            move.setString(2, name);
            move.executeUpdate();
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
            try (PreparedStatement move = connection.prepareStatement(
                    "UPDATE rollup_progress SET done_until = ? WHERE resolution = ? AND done_until = ?")) {
                move.setLong(1, to);
                move.setString(2, name);
                move.setLong(3, from);
                if (move.executeUpdate() == 0) {
                    connection.rollback();
                    return false;
                }
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
