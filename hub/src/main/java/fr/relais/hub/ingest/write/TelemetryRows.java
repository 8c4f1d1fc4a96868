package fr.relais.hub.ingest.write;

import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive telemetry messages of a batch, inserted together: as one JDBC batch on SQLite, as
 * one COPY on PostgreSQL ({@link PostgresReadings}). What storing a
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
    /** On PostgreSQL; null on SQLite, where the rows go as a JDBC batch. */
    private final PostgresReadings postgres;
    private final List<Row> rows = new ArrayList<>();

    TelemetryRows(MessageTables tables, PostgresReadings postgres) {
        this.tables = tables;
        this.postgres = postgres;
    }

    void add(Row row) throws SQLException {
        if (postgres == null) {
            tables.addTelemetry(row.topic().node(), row.telemetry(), row.metrics(), row.receivedAt());
        }
        rows.add(row);
    }

    /** Sends the rows added so far and applies each one's outcome. */
    void send(Outcome outcome) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        boolean[] stored = postgres != null ? postgres.insert(rows) : batched();
        for (int i = 0; i < stored.length; i++) {
            if (stored[i]) {
                outcome.stored(rows.get(i));
            } else {
                outcome.duplicate(rows.get(i));
            }
        }
        rows.clear();
    }

    private boolean[] batched() throws SQLException {
        int[] counts = tables.insertBatchedTelemetry();
        if (counts.length != rows.size()) {
            throw new SQLException("the database answered " + counts.length + " counts for " + rows.size()
                    + " telemetry rows");
        }
        boolean[] stored = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0 && counts[i] != 1) {
                // SUCCESS_NO_INFO (a driver rewriting batches) would hide the redeliveries.
                throw new SQLException("the driver gave no row count for a telemetry row (" + counts[i]
                        + "); duplicates could not be told apart" + (counts[i] == Statement.SUCCESS_NO_INFO
                        ? " (is reWriteBatchedInserts on?)" : ""));
            }
            stored[i] = counts[i] == 1;
        }
        return stored;
    }

    /** The transaction is rolled back: nothing added is sent. */
    void clear() {
        rows.clear();
        tables.forgetBatchedTelemetry();
    }
}
