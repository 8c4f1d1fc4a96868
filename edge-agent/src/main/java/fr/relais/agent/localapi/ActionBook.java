package fr.relais.agent.localapi;

import fr.relais.agent.store.AgentDatabase;
import fr.relais.agent.store.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The kiosk's action ids, in SQLite (table {@code kiosk_actions}): they outlive a restart of the
 * agent, as the kiosk may still follow an action issued before it. Thread-safe under this object's
 * lock, one connection of its own like {@link TicketBook}.
 */
public final class ActionBook implements IssuedActions, AutoCloseable {
    private final AgentDatabase database;
    private final Connection connection;

    public ActionBook(AgentDatabase database) {
        this.database = database;
        this.connection = database.connect();
    }

    @Override
    public synchronized void issued(UUID id, String type, Instant at) {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO kiosk_actions (id, type, issued_at) VALUES (?, ?, ?)")) {
            insert.setString(1, id.toString());
            insert.setString(2, type);
            insert.setLong(3, at.toEpochMilli());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot keep a kiosk action in " + database.file() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<String> typeOf(UUID id) {
        try (PreparedStatement select = connection.prepareStatement("SELECT type FROM kiosk_actions WHERE id = ?")) {
            select.setString(1, id.toString());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the kiosk actions in " + database.file() + ": " + e.getMessage(), e);
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
