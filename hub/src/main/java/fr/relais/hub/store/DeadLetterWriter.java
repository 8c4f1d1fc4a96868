package fr.relais.hub.store;

import fr.relais.hub.ingest.Received;
import fr.relais.protocol.MessageIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Base64;

/** Keeps refused messages, with their exact bytes and the reason, for a technician to inspect. */
final class DeadLetterWriter {
    /** Larger payloads are kept truncated; their full size is recorded. */
    static final int MAX_KEPT_BYTES = 64 * 1024;
    static final int MAX_TOPIC_LENGTH = 1024;

    private final Connection connection;

    DeadLetterWriter(Connection connection) {
        this.connection = connection;
    }

    void add(Received.Invalid invalid) throws SQLException {
        byte[] payload = invalid.payload() == null ? new byte[0] : invalid.payload();
        byte[] kept = payload.length > MAX_KEPT_BYTES ? Arrays.copyOf(payload, MAX_KEPT_BYTES) : payload;
        String topic = invalid.topic().length() > MAX_TOPIC_LENGTH
                ? invalid.topic().substring(0, MAX_TOPIC_LENGTH) : invalid.topic();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO dead_letters"
                + " (id, received_at, topic, field, reason, payload_size, payload_base64) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, MessageIds.next().toString());
            insert.setLong(2, invalid.receivedAt());
            insert.setString(3, topic);
            insert.setString(4, invalid.field());
            insert.setString(5, invalid.reason());
            insert.setInt(6, payload.length);
            insert.setString(7, Base64.getEncoder().encodeToString(kept));
            insert.executeUpdate();
        }
    }
}
