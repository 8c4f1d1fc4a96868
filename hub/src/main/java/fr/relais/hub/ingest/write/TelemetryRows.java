package fr.relais.hub.ingest.write;

import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive telemetry messages of a batch, inserted together as one JDBC batch. What storing a
 * reading changes (numbering, last values, live changes) is applied once the database has said,
 * row by row, whether it was stored or was a duplicate, in the order the messages arrived; the
 * writer sends the rows before any other kind of message, so nothing is reordered.
 */
final class TelemetryRows {
    /** A reading waiting for its insert's answer. */
    record Row(Topic topic, Telemetry telemetry, String metrics, long receivedAt) {
    }

    /** What to do with each row once the database has answered. */
    interface Outcome {
        void stored(Row row) throws SQLException;

        void duplicate(Row row);
    }

    private final MessageTables tables;
    private final List<Row> rows = new ArrayList<>();

    TelemetryRows(MessageTables tables) {
        this.tables = tables;
    }

    void add(Row row) throws SQLException {
        tables.addTelemetry(row.topic().node(), row.telemetry(), row.metrics(), row.receivedAt());
        rows.add(row);
    }

    /** Sends the rows added so far and applies each one's outcome. */
    void send(Outcome outcome) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int[] counts = tables.insertBatchedTelemetry();
        if (counts.length != rows.size()) {
            throw new SQLException("the database answered " + counts.length + " counts for " + rows.size()
                    + " telemetry rows");
        }
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 1) {
                outcome.stored(rows.get(i));
            } else if (counts[i] == 0) {
                outcome.duplicate(rows.get(i));
            } else {
                // SUCCESS_NO_INFO (a driver rewriting batches) would hide the redeliveries.
                throw new SQLException("the driver gave no row count for a telemetry row (" + counts[i]
                        + "); duplicates could not be told apart" + (counts[i] == Statement.SUCCESS_NO_INFO
                        ? " (is reWriteBatchedInserts on?)" : ""));
            }
        }
        rows.clear();
    }

    /** The transaction is rolled back: nothing added is sent. */
    void clear() {
        rows.clear();
        tables.forgetBatchedTelemetry();
    }
}
