package fr.relais.agent.localapi;

import fr.relais.agent.store.AgentDatabase;
import fr.relais.agent.store.StorageException;
import fr.relais.protocol.content.KioskActions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/**
 * Queue tickets numbered on the node, per local day (Europe/Paris): 1, 2, 3… from midnight, with
 * the link down as well as up, and across restarts (table {@code kiosk_tickets}). The hub learns
 * of each through the {@code ticket-taken} event. Thread-safe: numbering and insert are one
 * statement, under this object's lock.
 */
public final class TicketBook implements AutoCloseable {
    public static final ZoneId PLACE_ZONE = ZoneId.of("Europe/Paris");

    /** A ticket as numbered; {@code label} is the topic's letter and the number ({@code C12}). */
    public record Ticket(UUID id, LocalDate day, int number, String label, String topic, Instant takenAt) {
    }

    private final AgentDatabase database;
    private final Connection connection;

    public TicketBook(AgentDatabase database) {
        this.database = database;
        this.connection = database.connect();
    }

    /** @throws IllegalArgumentException for a topic outside {@link KioskActions#TICKET_TOPICS} */
    public synchronized Ticket take(String topic, Instant now) {
        char letter = KioskActions.ticketLetter(topic);
        LocalDate day = LocalDate.ofInstant(now, PLACE_ZONE);
        UUID id = UUID.randomUUID();
        // One statement: numbering and insert are one write transaction from its first step. A
        // deferred BEGIN + SELECT + INSERT would fail at once with SQLITE_BUSY (no busy wait) when
        // the outbox's writer commits between the read and the write.
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kiosk_tickets"
                + " (id, day, number, topic, taken_at) SELECT ?, ?, COALESCE(MAX(number), 0) + 1, ?, ?"
                + " FROM kiosk_tickets WHERE day = ?");
             PreparedStatement read = connection.prepareStatement("SELECT number FROM kiosk_tickets WHERE id = ?")) {
            insert.setString(1, id.toString());
            insert.setString(2, day.toString());
            insert.setString(3, topic);
            insert.setLong(4, now.toEpochMilli());
            insert.setString(5, day.toString());
            insert.executeUpdate();
            read.setString(1, id.toString());
            try (ResultSet row = read.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("the ticket just numbered is not there");
                }
                int number = row.getInt(1);
                return new Ticket(id, day, number, letter + Integer.toString(number), topic, now);
            }
        } catch (SQLException e) {
            throw new StorageException("cannot number a ticket in " + database.file() + ": " + e.getMessage(), e);
        }
    }

    /** Tickets of {@code day} numbered below {@code number} and taken at or after {@code since}. */
    public synchronized int countBefore(LocalDate day, int number, Instant since) {
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM kiosk_tickets"
                + " WHERE day = ? AND number < ? AND taken_at >= ?")) {
            count.setString(1, day.toString());
            count.setInt(2, number);
            count.setLong(3, since.toEpochMilli());
            try (ResultSet row = count.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new StorageException("cannot count tickets in " + database.file() + ": " + e.getMessage(), e);
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
