package fr.relais.agent.content;

import fr.relais.agent.store.AgentDatabase;
import fr.relais.agent.store.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * The latest kiosk content on disk (table {@code kiosk_content}, one row): bytes only, decoded
 * again when read back, so a damaged row is never served. Thread-safe.
 */
public final class ContentStore implements AutoCloseable {
    /** A stored document, unverified. */
    public record Stored(long version, Instant receivedAt, byte[] body) {
    }

    private final AgentDatabase database;
    private final Connection connection;

    public ContentStore(AgentDatabase database) {
        this.database = database;
        this.connection = database.connect();
    }

    public synchronized Optional<Stored> load() {
        try (Statement select = connection.createStatement();
             ResultSet row = select.executeQuery("SELECT version, received_at, body FROM kiosk_content WHERE id = 1")) {
            return row.next() ? Optional.of(new Stored(row.getLong(1), Instant.ofEpochMilli(row.getLong(2)),
                    row.getBytes(3))) : Optional.empty();
        } catch (SQLException e) {
            throw new StorageException("cannot read the kiosk content from " + database.file(), e);
        }
    }

    /** Replaces the stored content; one statement, so a power cut leaves the old row or the new one. */
    public synchronized void save(Stored content) {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO kiosk_content"
                + " (id, version, received_at, body) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                + " version = excluded.version, received_at = excluded.received_at, body = excluded.body")) {
            upsert.setLong(1, content.version());
            upsert.setLong(2, content.receivedAt().toEpochMilli());
            upsert.setBytes(3, content.body());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot write the kiosk content to " + database.file() + ": "
                    + e.getMessage(), e);
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
