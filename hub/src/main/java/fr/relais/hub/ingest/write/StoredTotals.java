package fr.relais.hub.ingest.write;

import fr.relais.hub.registry.Views;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much the hub holds, counted once at start and then kept up to date by the writer after
 * each commit: counting millions of rows for every look at {@code /api/ingest} took CPU from
 * ingestion itself.
 */
public final class StoredTotals {
    private final AtomicLong telemetry = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private volatile long seqGaps;
    private volatile long seqResets;

    void load(Connection connection) throws SQLException {
        try (Statement select = connection.createStatement();
             ResultSet row = select.executeQuery("SELECT (SELECT COUNT(*) FROM telemetry), (SELECT COUNT(*) FROM events),"
                     + " (SELECT COUNT(*) FROM dead_letters), (SELECT COALESCE(SUM(seq_gaps), 0) FROM nodes),"
                     + " (SELECT COALESCE(SUM(seq_resets), 0) FROM nodes)")) {
            row.next();
            telemetry.set(row.getLong(1));
            events.set(row.getLong(2));
            deadLetters.set(row.getLong(3));
            seqGaps = row.getLong(4);
            seqResets = row.getLong(5);
        }
    }

    /**
     * What one committed transaction added.
     *
     * @param gapsNow the sequence gaps of all nodes after it, or null if it did not count any
     */
    void committed(long newTelemetry, long newEvents, long newDeadLetters, Long gapsNow) {
        telemetry.addAndGet(newTelemetry);
        events.addAndGet(newEvents);
        deadLetters.addAndGet(newDeadLetters);
        if (gapsNow != null) {
            seqGaps = gapsNow;
        }
    }

    /** The numberings started afresh of all nodes, as the database says after a batch. */
    void seqResets(long resetsNow) {
        seqResets = resetsNow;
    }

    /** Dead letters deleted by their retention. */
    public void removedDeadLetters(long rows) {
        deadLetters.addAndGet(-rows);
    }

    /** Raw telemetry deleted by the retention. */
    public void removedTelemetry(long rows) {
        telemetry.addAndGet(-rows);
    }

    public Views.Totals snapshot() {
        return new Views.Totals(telemetry.get(), events.get(), deadLetters.get(), seqGaps, seqResets);
    }
}
