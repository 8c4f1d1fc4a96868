package fr.relais.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters that must survive a reboot: the birth/death sequence ({@code bdSeq}, one per
 * connection) and the node's message sequence, so the hub never sees a node's numbers go back.
 * The message sequence is written by the outbox, in the same transaction as the messages.
 */
public final class LocalState implements AutoCloseable {
    public static final String BD_SEQ = "bdSeq";
    public static final String SEQ = "seq";
    public static final String OUTBOX_EVICTED = "outboxEvicted";
    /** How many times the outbox made its commits durable: a write that always changes a byte. */
    public static final String OUTBOX_SYNCS = "outboxSyncs";
    private static final Logger LOG = LoggerFactory.getLogger(LocalState.class);

    private final AgentDatabase database;
    private final Connection connection;
    private long lastBdSeq = -1;

    public LocalState(AgentDatabase database) {
        this.database = database;
        this.connection = database.connect();
    }

    /**
     * The {@code bdSeq} for a new connection: one more than the last one, persisted first. If the
     * disk refuses the write, the number is used anyway (and the next one follows it in memory):
     * a node whose disk is full must still connect, or nobody would see it.
     */
    public synchronized long nextBdSeq() {
        long next = lastBdSeq + 1;
        try {
            next = Math.max(next, read(BD_SEQ, -1) + 1);
            write(connection, BD_SEQ, next);
        } catch (StorageException e) {
            LOG.warn("cannot persist bdSeq {} in {} (the disk refuses writes?); using it anyway: {}", next,
                    database.file(), e.toString());
        }
        lastBdSeq = next;
        return next;
    }

    /** The last sequence number stored, or -1 if the node never stored anything. */
    public synchronized long lastSeq() {
        return read(SEQ, -1);
    }

    public synchronized long read(String name, long absent) {
        return read(connection, name, absent);
    }

    /** Reads a counter with the caller's connection. */
    public static long read(Connection connection, String name, long absent) {
        try (PreparedStatement select = connection.prepareStatement("SELECT value FROM local_state WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : absent;
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read " + name, e);
        }
    }

    /** Writes a counter with the caller's connection, inside the caller's transaction. */
    public static void write(Connection connection, String name, long value) {
        upsert(connection, name, value, "excluded.value");
    }

    /** Raises a counter, never lowers it: numbers handed out out of order are committed out of order. */
    public static void raise(Connection connection, String name, long value) {
        upsert(connection, name, value, "MAX(value, excluded.value)");
    }

    private static void upsert(Connection connection, String name, long value, String newValue) {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO local_state (name, value)"
                + " VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = " + newValue)) {
            upsert.setString(1, name);
            upsert.setLong(2, value);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot write " + name, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StorageException("cannot close " + database.file(), e);
        }
    }
}
