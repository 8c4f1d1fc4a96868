package fr.relais.hub.ingest.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sequence gaps and the numberings started afresh of all nodes, read by the writer at the
 * end of a batch that stored numbered messages. When the latter grew, the nodes concerned are
 * named in the log: a jump is worth a look (a node's bug, a forged message, a restored SD card).
 */
final class NumberingTotals {
    private static final Logger LOG = LoggerFactory.getLogger(NumberingTotals.class);

    private final Connection connection;
    private PreparedStatement sums;

    NumberingTotals(Connection connection) {
        this.connection = connection;
    }

    /**
     * @param resetsKnown the total of new numberings this hub knew before the batch
     * @param batchStart  when the batch's first message was received
     * @return the gaps and the new numberings of all nodes, in that order
     */
    long[] read(long resetsKnown, long batchStart) throws SQLException {
        if (sums == null) {
            sums = connection.prepareStatement("SELECT COALESCE(SUM(seq_gaps), 0), COALESCE(SUM(seq_resets), 0)"
                    + " FROM nodes");
        }
        long[] totals = new long[2];
        try (ResultSet row = sums.executeQuery()) {
            row.next();
            totals[0] = row.getLong(1);
            totals[1] = row.getLong(2);
        }
        if (totals[1] > resetsKnown) {
            logResets(batchStart);
        }
        return totals;
    }

    private void logResets(long since) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id, min_seq, max_seq, seq_resets"
                + " FROM nodes WHERE seq_reset_at >= ?")) {
            select.setLong(1, since);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    LOG.warn("node {}: its sequence numbering started afresh (a number far from the rest, or lost"
                            + " counters): {} to {} now, {} new numberings in all; not counted as lost messages",
                            row.getString(1), row.getLong(2), row.getLong(3), row.getLong(4));
                }
            }
        }
    }
}
