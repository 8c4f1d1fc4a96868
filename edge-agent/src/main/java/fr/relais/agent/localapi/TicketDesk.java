package fr.relais.agent.localapi;

import fr.relais.agent.access.AccessLog;
import fr.relais.agent.content.HeldContent;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.protocol.Severity;
import fr.relais.protocol.content.KioskActions;
import fr.relais.protocol.content.PlaceContent;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a queue ticket: numbered on the node ({@link TicketBook}), sent to the hub as a
 * {@code ticket-taken} event through the outbox (so it works offline), printed when a printer is
 * configured, with the visitor's place in the queue estimated from the hub's last content.
 */
final class TicketDesk {
    private static final Logger LOG = LoggerFactory.getLogger(TicketDesk.class);
    /** The wait per visitor before the hub has measured any service time today. */
    static final int DEFAULT_SERVICE_SECONDS = 600;

    private final TicketBook book;
    private final Optional<TicketPrinter> printer;
    private final Supplier<Optional<HeldContent>> content;
    private final AccessLog events;
    private final Optional<String> kioskDevice;
    private final String placeName;
    private final Clock clock;

    TicketDesk(TicketBook book, Optional<TicketPrinter> printer, Supplier<Optional<HeldContent>> content,
               AccessLog events, Optional<String> kioskDevice, String placeName, Clock clock) {
        this.book = book;
        this.printer = printer;
        this.content = content;
        this.events = events;
        this.kioskDevice = kioskDevice;
        this.placeName = placeName;
        this.clock = clock;
    }

    /** @throws BadRequest for a topic that is not one of {@link KioskActions#TICKET_TOPICS} */
    Map<String, Object> take(String topic) throws BadRequest {
        if (!KioskActions.TICKET_TOPICS.contains(topic)) {
            throw new BadRequest("Requête invalide : topic '" + clip(topic) + "' n'est pas l'un de "
                    + KioskActions.TICKET_TOPICS + ".");
        }
        Instant now = clock.instant();
        TicketBook.Ticket ticket = book.take(topic, now);
        events.record(kioskDevice, event(ticket));
        Optional<PlaceContent> held = content.get().map(HeldContent::content);
        int ahead;
        Integer serviceSeconds = null;
        if (held.isPresent() && sameDay(held.get(), ticket.day())) {
            Instant since = Instant.parse(held.get().generatedAt());
            ahead = held.get().queue().waiting() + book.countBefore(ticket.day(), ticket.number(), since);
            serviceSeconds = held.get().queue().averageServiceSeconds();
        } else {
            // Nothing from the hub today: everyone who took a ticket here today may still be waiting.
            ahead = book.countBefore(ticket.day(), ticket.number(), Instant.EPOCH);
        }
        long seconds = (long) ahead * (serviceSeconds == null ? DEFAULT_SERVICE_SECONDS : serviceSeconds);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ticket", ticket.id().toString());
        answer.put("number", ticket.number());
        answer.put("label", ticket.label());
        answer.put("topic", ticket.topic());
        answer.put("takenAt", KioskJson.local(ticket.takenAt()));
        answer.put("ahead", ahead);
        answer.put("estimatedWaitMinutes", (seconds + 59) / 60);
        answer.put("printed", print(ticket));
        return answer;
    }

    private static boolean sameDay(PlaceContent content, LocalDate day) {
        return LocalDate.ofInstant(Instant.parse(content.generatedAt()), TicketBook.PLACE_ZONE).equals(day);
    }

    private boolean print(TicketBook.Ticket ticket) {
        if (printer.isEmpty()) {
            return false;
        }
        try {
            printer.get().print(new TicketPrinter.Ticket(placeName, ticket.label(), topicName(ticket.topic()),
                    ticket.takenAt().atZone(TicketBook.PLACE_ZONE)));
            return true;
        } catch (IOException | RuntimeException e) {
            // The visitor still has the number on screen; the technician sees the printer's state.
            LOG.warn("ticket {} not printed on {}: {}", ticket.label(), printer.get(), e.toString());
            return false;
        }
    }

    static DeviceEvent event(TicketBook.Ticket ticket) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticket", ticket.id().toString());
        data.put("number", (long) ticket.number());
        data.put("label", ticket.label());
        data.put("topic", ticket.topic());
        data.put("day", ticket.day().toString());
        data.put("takenAt", ticket.takenAt().toString());
        return new DeviceEvent(KioskActions.TICKET_TAKEN, Severity.INFO, "Ticket " + ticket.label() + " pris à la borne",
                data);
    }

    /** What the ticket says the visit is about. */
    static String topicName(String topic) {
        return switch (topic) {
            case "caf" -> "CAF";
            case "france-travail" -> "France Travail";
            case "retraite" -> "Retraite";
            case "impots" -> "Impôts";
            case "sante" -> "Santé";
            case "papiers" -> "Papiers d'identité";
            default -> "Autre démarche";
        };
    }

    static String clip(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
