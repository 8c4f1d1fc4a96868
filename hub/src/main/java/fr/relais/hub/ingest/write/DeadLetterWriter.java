package fr.relais.hub.ingest.write;

import fr.relais.hub.db.Sql;
import fr.relais.hub.ingest.Received;
import fr.relais.protocol.MessageIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Keeps refused messages, with their exact bytes and the reason, for a technician to inspect,
 * inside the ingestion writer's transaction. A message received again byte for byte on the same
 * topic (a retained garbage state at every resubscription of the hub, a redelivery) is the same
 * dead letter: it is counted on its row, not kept again. Each node keeps at most its allowance of
 * dead letters, the least recently received going first, so that one broken node cannot fill the
 * disk; the messages whose topic names no node share one allowance.
 */
final class DeadLetterWriter {
    /** Larger payloads are kept truncated; their full size is recorded. */
    static final int MAX_KEPT_BYTES = 64 * 1024;
    static final int MAX_TOPIC_LENGTH = 1024;

    /** What keeping one refused message did. */
    record Kept(boolean repeat, int evicted) {
    }

    private final Connection connection;
    private final int perNode;

    DeadLetterWriter(Connection connection, int perNode) {
        this.connection = connection;
        this.perNode = perNode;
    }

    Kept add(Received.Invalid invalid) throws SQLException {
        byte[] payload = invalid.payload() == null ? new byte[0] : invalid.payload();
        byte[] kept = payload.length > MAX_KEPT_BYTES ? Arrays.copyOf(payload, MAX_KEPT_BYTES) : payload;
        String topic = invalid.topic().length() > MAX_TOPIC_LENGTH
                ? invalid.topic().substring(0, MAX_TOPIC_LENGTH) : invalid.topic();
        String digest = digest(invalid.topic(), payload);
        String node = node(topic);
        // The insert comes first: on SQLite a transaction must start with a write (see Database).
        int inserted = Sql.update(connection, "INSERT INTO dead_letters (id, received_at, topic, field, reason,"
                + " payload_size, payload_base64, node_id, digest, occurrences, last_received_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?) ON CONFLICT (digest) DO NOTHING",
                MessageIds.next().toString(), invalid.receivedAt(), topic, invalid.field(), invalid.reason(),
                payload.length, Base64.getEncoder().encodeToString(kept), node, digest, invalid.receivedAt());
        if (inserted == 0) {
            Sql.update(connection, "UPDATE dead_letters SET occurrences = occurrences + 1,"
                    + " last_received_at = CASE WHEN last_received_at < ? THEN ? ELSE last_received_at END"
                    + " WHERE digest = ?", invalid.receivedAt(), invalid.receivedAt(), digest);
            return new Kept(true, 0);
        }
        return new Kept(false, cap(node));
    }

    /** Deletes the node's least recently received dead letters beyond its allowance; returns how many. */
    private int cap(String node) throws SQLException {
        long count = Sql.one(connection, "SELECT COUNT(*) FROM dead_letters WHERE node_id = ?", row -> row.getLong(1),
                node).orElse(0L);
        if (count <= perNode) {
            return 0;
        }
        return Sql.update(connection, "DELETE FROM dead_letters WHERE id IN (SELECT id FROM dead_letters"
                + " WHERE node_id = ? ORDER BY last_received_at, id LIMIT ?)", node, count - perNode);
    }

    /** A retried dead letter now stored: it goes. Returns 0 if it was gone already. */
    int remove(String id) throws SQLException {
        return Sql.update(connection, "DELETE FROM dead_letters WHERE id = ?", id);
    }

    /** A retried dead letter refused again: it stays, once, with the reason of this attempt. */
    void refusedAgain(String id, String field, String reason) throws SQLException {
        Sql.update(connection, "UPDATE dead_letters SET field = ?, reason = ? WHERE id = ?", field, reason, id);
    }

    /** The node a topic names ({@code relais/v1/{site}/{node}/…}), or '' if none. */
    static String node(String topic) {
        String[] levels = topic.split("/", 5);
        return levels.length >= 4 && levels[0].equals("relais") && levels[1].equals("v1") ? levels[3] : "";
    }

    /** SHA-256 of the whole topic, a zero byte and the whole payload, in hex. */
    static String digest(String topic, byte[] payload) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(topic.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(payload);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
