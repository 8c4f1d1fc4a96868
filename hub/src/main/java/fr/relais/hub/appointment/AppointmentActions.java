package fr.relais.hub.appointment;

import fr.relais.hub.content.KioskActionHandler;
import fr.relais.hub.cowork.CoworkingApi;
import fr.relais.hub.workshop.KioskData;
import fr.relais.hub.workshop.Refusal;
import fr.relais.protocol.Event;
import fr.relais.protocol.content.KioskActions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The kiosk's {@code appointment-book}, {@code appointment-cancel} and {@code room-book}, in the
 * ingestion writer's transaction: the slots' rules of {@link SlotStore}, the coworking bookings'
 * rules of {@link CoworkingApi#bookRoomOn}. Garbage in the event's data is a refusal in French.
 */
public final class AppointmentActions {
    /** A room booked at a kiosk: within the day, and not longer than a working day. */
    static final Duration MAX_ROOM_BOOKING = Duration.ofHours(12);

    private AppointmentActions() {
    }

    /** The three handlers, for the kiosk actions' dispatcher. */
    public static List<KioskActionHandler> handlers() {
        return List.of(new Book(), new Cancel(), new RoomBook());
    }

    static final class Book implements KioskActionHandler {
        @Override
        public String type() {
            return KioskActions.APPOINTMENT_BOOK;
        }

        @Override
        public Optional<ActionAnswer> handle(Connection writer, String site, String node, Event event, long receivedAt)
                throws SQLException {
            try {
                KioskData data = new KioskData(event.data());
                String slot = data.id("slot", SlotStore.UNKNOWN_SLOT);
                Slot.Booking booking = SlotStore.book(writer, slot, site, data.firstName(true), "kiosk", receivedAt);
                return Optional.of(new ActionAnswer(true, booking.code(), "Rendez-vous réservé"));
            } catch (Refusal refusal) {
                return Optional.of(ActionAnswer.refused(refusal.getMessage()));
            }
        }
    }

    static final class Cancel implements KioskActionHandler {
        @Override
        public String type() {
            return KioskActions.APPOINTMENT_CANCEL;
        }

        @Override
        public Optional<ActionAnswer> handle(Connection writer, String site, String node, Event event, long receivedAt)
                throws SQLException {
            try {
                Slot.Booking cancelled = SlotStore.cancel(writer, new KioskData(event.data()).code(), site, receivedAt);
                return Optional.of(new ActionAnswer(true, cancelled.code(), "Rendez-vous annulé"));
            } catch (Refusal refusal) {
                return Optional.of(ActionAnswer.refused(refusal.getMessage()));
            }
        }
    }

    static final class RoomBook implements KioskActionHandler {
        @Override
        public String type() {
            return KioskActions.ROOM_BOOK;
        }

        @Override
        public Optional<ActionAnswer> handle(Connection writer, String site, String node, Event event, long receivedAt)
                throws SQLException {
            try {
                KioskData data = new KioskData(event.data());
                String member = data.id("member", "Votre badge ne permet pas de réserver : demandez à l'accueil");
                String room = data.id("room", "Salle inconnue");
                Instant start = data.instant("start");
                Instant end = data.instant("end");
                if (!end.isAfter(start) || Duration.between(start, end).compareTo(MAX_ROOM_BOOKING) > 0) {
                    return Optional.of(ActionAnswer.refused("Horaire non valable"));
                }
                if (!end.isAfter(Instant.ofEpochMilli(receivedAt))) {
                    return Optional.of(ActionAnswer.refused("Cet horaire est passé"));
                }
                CoworkingApi.KioskBooking booking = CoworkingApi.bookRoomOn(writer, site, member, room, start, end,
                        receivedAt);
                return Optional.of(booking.refusal() == null ? new ActionAnswer(true, null, "Salle réservée")
                        : ActionAnswer.refused(booking.refusal()));
            } catch (Refusal refusal) {
                return Optional.of(ActionAnswer.refused(refusal.getMessage()));
            }
        }
    }
}
