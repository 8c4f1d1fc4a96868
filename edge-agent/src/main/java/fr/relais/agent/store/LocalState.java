package fr.relais.agent.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Counters that must survive a reboot: the birth/death sequence ({@code bdSeq}, one per
 * connection) and the node's message sequence, so the hub never sees a node's numbers go back.
 */
public final class LocalState {
    private static final String BD_SEQ = "bdSeq";
    private static final String SEQ = "seq";

    private final AgentDatabase database;

    public LocalState(AgentDatabase database) {
        this.database = database;
    }

    /** The {@code bdSeq} for a new connection: one more than the last one, persisted first. */
    public synchronized long nextBdSeq() {
        long next = read(BD_SEQ, -1) + 1;
        write(BD_SEQ, next);
        return next;
    }

    /** The last sequence number used, or -1 if the node never sent anything. */
    public synchronized long lastSeq() {
        return read(SEQ, -1);
    }

    public synchronized void saveLastSeq(long seq) {
        write(SEQ, seq);
    }

    private long read(String name, long absent) {
        try (PreparedStatement select = database.connection()
                .prepareStatement("SELECT value FROM local_state WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : absent;
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read " + name + " from " + database.file(), e);
        }
    }

    private void write(String name, long value) {
        try (PreparedStatement upsert = database.connection().prepareStatement(
                "INSERT INTO local_state (name, value) VALUES (?, ?)"
                        + " ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
            upsert.setString(1, name);
            upsert.setLong(2, value);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot write " + name + " to " + database.file(), e);
        }
    }
}
