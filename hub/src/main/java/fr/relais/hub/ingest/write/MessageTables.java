package fr.relais.hub.ingest.write;

import fr.relais.hub.db.DirectStatement;
import fr.relais.hub.db.MessageIdColumn;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Event;
import fr.relais.protocol.Telemetry;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The raw telemetry and events, one row per message id. Inserting an id that is already there
 * does nothing and says so: that is how redeliveries are recognised and dropped.
 */
final class MessageTables {
    private final Connection connection;
    /** Direct (not through the connection's proxy): run once per message. */
    private DirectStatement telemetry;
    private MessageIdColumn telemetryIds;
    private DirectStatement event;

    MessageTables(Connection connection) {
        this.connection = connection;
    }

    /**
     * Adds a telemetry row to the statement's JDBC batch; {@link #insertBatchedTelemetry} sends them
     * (SQLite: one call into the driver per batch; PostgreSQL inserts its readings otherwise, see
     * {@link PostgresReadings}).
     */
    void addTelemetry(String node, Telemetry message, String metricsJson, long receivedAt) throws SQLException {
        if (telemetry == null) {
            telemetry = DirectStatement.prepare(connection,
                    "INSERT INTO telemetry (msg_id, node_id, device_id, seq, device_ts,"
                    + " clock_synced, received_at, health, metrics) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (msg_id) DO NOTHING");
            telemetryIds = MessageIdColumn.of(connection);
        }
        MessageIdColumn ids = telemetryIds;
        telemetry.addBatch(row -> {
            ids.bind(row, 1, message.envelope().msgId()); // 16 bytes since V16, not the text
            Envelope envelope = message.envelope();
            row.setString(2, node);
            row.setString(3, message.device().orElse(null));
            row.setLong(4, envelope.seq());
            row.setLong(5, envelope.ts().toEpochMilli());
            row.setBoolean(6, envelope.clock() == ClockConfidence.SYNCED);
            row.setLong(7, receivedAt);
            row.setString(8, message.health().wire());
            row.setString(9, metricsJson);
        });
    }

    /**
     * Runs the telemetry rows added since the last call, in their order: for each, 1 if it was
     * stored, 0 if its message id already was (a redelivery, or the same message twice in the batch).
     */
    int[] insertBatchedTelemetry() throws SQLException {
        return telemetry == null ? new int[0] : telemetry.executeBatch();
    }

    /** Forgets the rows added and not sent: their transaction is being rolled back. */
    void forgetBatchedTelemetry() {
        if (telemetry == null) {
            return;
        }
        try {
            telemetry.clearBatch();
        } catch (SQLException e) {
            // A lost connection: its statement is prepared again, empty, on the next one.
        }
    }

    /** False if this message id was already stored. */
    boolean insertEvent(String node, Event message, String dataJson, long receivedAt) throws SQLException {
        if (event == null) {
            event = DirectStatement.prepare(connection,
                    "INSERT INTO events (msg_id, node_id, device_id, seq, device_ts,"
                    + " clock_synced, received_at, type, severity, message, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (msg_id) DO NOTHING");
        }
        event.setString(1, message.envelope().msgId().toString()); // events keep the text id
        envelope(event, node, message.device().orElse(null), message.envelope(), receivedAt);
        event.setString(8, message.type());
        event.setString(9, message.severity().wire());
        event.setString(10, message.message());
        event.setString(11, dataJson);
        return event.executeUpdate() == 1;
    }

    /** Parameters 2 to 7 of an event (a reading sets the same ones in {@link #addTelemetry}). */
    private static void envelope(DirectStatement insert, String node, String device, Envelope envelope,
                                 long receivedAt) throws SQLException {
        insert.setString(2, node);
        insert.setString(3, device);
        insert.setLong(4, envelope.seq());
        insert.setLong(5, envelope.ts().toEpochMilli());
        insert.setBoolean(6, envelope.clock() == ClockConfidence.SYNCED);
        insert.setLong(7, receivedAt);
    }
}
