package fr.relais.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The commands this node has received. A request id is recorded before it is executed, so a
 * command redelivered after a crash or a reconnect is never executed twice; its final reply is
 * kept to be sent again.
 */
public final class CommandLog implements AutoCloseable {
    /** A recorded command; {@code reply} is empty while it is executing (or was, when the agent died). */
    public record Entry(UUID requestId, String name, long receivedAt, Optional<byte[]> reply) {
    }

    private final AgentDatabase database;
    private final Connection connection;

    public CommandLog(AgentDatabase database) {
        this.database = database;
        this.connection = database.connect();
        try (var pragma = connection.createStatement()) {
            // Commands are rare, and a record of one that ran must survive a power cut, or it
            // would run a second time when the broker delivers it again.
            pragma.execute("PRAGMA synchronous = FULL");
        } catch (SQLException e) {
            throw new StorageException("cannot set up the command log of " + database.file(), e);
        }
    }

    public synchronized Optional<Entry> find(UUID requestId) {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT name, received_at, reply FROM command_log WHERE request_id = ?")) {
            select.setString(1, requestId.toString());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Entry(requestId, row.getString(1), row.getLong(2),
                        Optional.ofNullable(row.getBytes(3))));
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the command log of " + database.file(), e);
        }
    }

    /** Records that a command is about to run; committed before it runs. */
    public synchronized void begin(UUID requestId, String name, long receivedAt) {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO command_log (request_id, name, received_at, state) VALUES (?, ?, ?, 'executing')")) {
            insert.setString(1, requestId.toString());
            insert.setString(2, name);
            insert.setLong(3, receivedAt);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot record command " + requestId + " in " + database.file(), e);
        }
    }

    /**
     * Records the final reply, with the caller's connection: the outbox runs it in the
     * transaction that stores the reply itself, so a command is never answered without the
     * record, nor recorded as answered without the answer.
     */
    public static void finish(Connection connection, UUID requestId, byte[] reply) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE command_log SET state = 'done', reply = ? WHERE request_id = ?")) {
            update.setBytes(1, reply);
            update.setString(2, requestId.toString());
            update.executeUpdate();
        }
    }

    /** Commands recorded as running and never answered: the agent stopped while they ran. */
    public synchronized List<Entry> unfinished() {
        List<Entry> entries = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT request_id, name, received_at FROM command_log WHERE reply IS NULL ORDER BY received_at");
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                entries.add(new Entry(UUID.fromString(row.getString(1)), row.getString(2), row.getLong(3),
                        Optional.empty()));
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the command log of " + database.file(), e);
        }
        return entries;
    }

    /** Forgets commands older than {@code before}: the hub stops retrying long before. */
    public synchronized int prune(long before) {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM command_log WHERE received_at < ?")) {
            delete.setLong(1, before);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot prune the command log of " + database.file(), e);
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
