package fr.relais.hub.queue;

import fr.relais.hub.content.KioskActionHandler;
import fr.relais.hub.db.Sql;
import fr.relais.protocol.Event;
import fr.relais.protocol.content.KioskActions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ticket taken at a kiosk ({@code ticket-taken}, numbered by the place's agent, which works
 * offline): stored as waiting in the place's queue, in the ingestion writer's transaction. The
 * ticket's UUID is its id, so a ticket sent twice (a retried outbox) is one ticket. A ticket with a
 * field missing or malformed is refused and logged (the event itself stays stored); it never
 * throws. Tickets are not answered: the kiosk printed the number already.
 */
public final class TicketTaken implements KioskActionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TicketTaken.class);
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
            + "-[0-9a-fA-F]{12}");
    private static final Pattern LABEL = Pattern.compile("[A-Z][0-9]{1,5}");
    /** A place hands out a few hundred tickets a day at most. */
    static final int MAX_NUMBER = 9999;
    /** The agent's clock may be off, not by this much: a ticket must be of the day it says. */
    private static final Duration MAX_DAY_GAP = Duration.ofHours(36);

    @Override
    public String type() {
        return KioskActions.TICKET_TAKEN;
    }

    @Override
    public Optional<ActionAnswer> handle(Connection writer, String site, String node, Event event, long receivedAt)
            throws SQLException {
        Map<String, Object> data = event.data();
        String problem = problem(data);
        if (problem != null) {
            LOG.warn("ticket-taken from {}/{} (message {}) refused: {}", site, node, event.envelope().msgId(), problem);
            return Optional.empty();
        }
        if (Sql.update(writer, "INSERT INTO queue_tickets (id, site_id, node_id, day, number, label, topic, taken_at,"
                + " status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting') ON CONFLICT (id) DO NOTHING",
                ((String) data.get("ticket")).toLowerCase(java.util.Locale.ROOT), site, node, data.get("day"),
                ((Number) data.get("number")).intValue(), data.get("label"), data.get("topic"),
                Instant.parse((String) data.get("takenAt")).toEpochMilli()) == 0) {
            LOG.debug("ticket {} of {} is known already", data.get("ticket"), site);
        }
        return Optional.empty();
    }

    /** What is wrong with the ticket's data, or null. */
    static String problem(Map<String, Object> data) {
        if (!(data.get("ticket") instanceof String ticket) || !UUID.matcher(ticket).matches()) {
            return "ticket must be a UUID, got " + shown(data.get("ticket"));
        }
        Object number = data.get("number");
        if (!(number instanceof Integer || number instanceof Long) || ((Number) number).longValue() < 1
                || ((Number) number).longValue() > MAX_NUMBER) {
            return "number must be a whole number from 1 to " + MAX_NUMBER + ", got " + shown(number);
        }
        if (!(data.get("topic") instanceof String topic) || !KioskActions.TICKET_TOPICS.contains(topic)) {
            return "topic must be one of " + KioskActions.TICKET_TOPICS + ", got " + shown(data.get("topic"));
        }
        if (!(data.get("label") instanceof String label) || !LABEL.matcher(label).matches()
                || label.charAt(0) != KioskActions.ticketLetter(topic)) {
            return "label must be the topic's letter " + KioskActions.ticketLetter(topic) + " and a number, got "
                    + shown(data.get("label"));
        }
        LocalDate day;
        try {
            day = LocalDate.parse((String) data.get("day"));
        } catch (DateTimeParseException | ClassCastException | NullPointerException e) {
            return "day must be a date yyyy-mm-dd, got " + shown(data.get("day"));
        }
        Instant takenAt;
        try {
            takenAt = Instant.parse((String) data.get("takenAt"));
        } catch (DateTimeParseException | ClassCastException | NullPointerException e) {
            return "takenAt must be an ISO-8601 instant, got " + shown(data.get("takenAt"));
        }
        Instant noon = day.atTime(12, 0).atZone(QueueRoutes.ZONE).toInstant();
        if (Duration.between(noon, takenAt).abs().compareTo(MAX_DAY_GAP) > 0) {
            return "takenAt " + takenAt + " is not of day " + day;
        }
        return null;
    }

    private static String shown(Object value) {
        String text = String.valueOf(value);
        return value instanceof String ? "'" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "'" : text;
    }
}
