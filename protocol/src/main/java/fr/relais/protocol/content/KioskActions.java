package fr.relais.protocol.content;

import java.util.List;
import java.util.Set;

/**
 * What a kiosk asks of the hub, as node events ({@code …/event}, through the agent's outbox): the
 * event's {@code type} is one of these names and its {@code data} carries the fields listed in
 * protocol/README.md ("Kiosk actions"). Every action but a ticket carries {@code action}, a UUID
 * the agent chose, and the hub answers it in the node's content ({@link PlaceContent.Answer}).
 */
public final class KioskActions {
    /** A queue ticket, numbered by the agent (works offline); not answered. */
    public static final String TICKET_TAKEN = "ticket-taken";
    public static final String WORKSHOP_REGISTER = "workshop-register";
    public static final String WORKSHOP_CANCEL = "workshop-cancel";
    public static final String APPOINTMENT_BOOK = "appointment-book";
    public static final String APPOINTMENT_CANCEL = "appointment-cancel";
    /** A coworking room booked at the kiosk after badging. */
    public static final String ROOM_BOOK = "room-book";
    /** A coworker badging at the kiosk: decided by the agent from its access list, reported for presence. */
    public static final String COWORKING_CHECKIN = "coworking-checkin";

    /** The kinds of help a ticket is for, with the letter its label starts with. */
    public static final List<String> TICKET_TOPICS = List.of("caf", "france-travail", "retraite", "impots", "sante",
            "papiers", "autre");

    /** The actions that need the hub (answered through the content): refused by the agent while offline. */
    public static final Set<String> NEED_THE_HUB = Set.of(WORKSHOP_REGISTER, WORKSHOP_CANCEL, APPOINTMENT_BOOK,
            APPOINTMENT_CANCEL, ROOM_BOOK);

    private KioskActions() {
    }

    /** The letter of a ticket's label for its topic: C (CAF), F, R, I, S, P, A. */
    public static char ticketLetter(String topic) {
        return switch (topic) {
            case "caf" -> 'C';
            case "france-travail" -> 'F';
            case "retraite" -> 'R';
            case "impots" -> 'I';
            case "sante" -> 'S';
            case "papiers" -> 'P';
            case "autre" -> 'A';
            default -> throw new IllegalArgumentException("ticket topic '" + topic + "' is not one of " + TICKET_TOPICS);
        };
    }
}
