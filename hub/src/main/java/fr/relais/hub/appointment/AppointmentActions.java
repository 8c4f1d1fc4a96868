package fr.relais.hub.appointment;

import fr.relais.hub.content.KioskActionHandler.ActionAnswer;
import fr.relais.hub.content.KioskActionHandler;
import fr.relais.hub.cowork.CoworkingApi;
import fr.relais.hub.place.KioskData;
import fr.relais.hub.place.KioskHandler;
import fr.relais.protocol.content.KioskActions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
        return List.of(KioskHandler.of(KioskActions.APPOINTMENT_BOOK, (writer, site, data, receivedAt) -> {
            String slot = data.id("slot", SlotStore.UNKNOWN_SLOT);
            Slot.Booking booking = SlotStore.book(writer, slot, site, data.firstName(true), "kiosk", receivedAt);
            return new ActionAnswer(true, booking.code(), "Rendez-vous réservé");
        }), KioskHandler.of(KioskActions.APPOINTMENT_CANCEL, (writer, site, data, receivedAt) ->
                new ActionAnswer(true, SlotStore.cancel(writer, data.code(), site, receivedAt).code(), "Rendez-vous annulé")),
                KioskHandler.of(KioskActions.ROOM_BOOK, AppointmentActions::bookRoom));
    }

    private static ActionAnswer bookRoom(Connection writer, String site, KioskData data, long receivedAt)
            throws SQLException {
        String member = data.id("member", "Votre badge ne permet pas de réserver : demandez à l'accueil");
        String room = data.id("room", "Salle inconnue");
        Instant start = data.instant("start");
        Instant end = data.instant("end");
        if (!end.isAfter(start) || Duration.between(start, end).compareTo(MAX_ROOM_BOOKING) > 0) {
            return ActionAnswer.refused("Horaire non valable");
        }
        if (!end.isAfter(Instant.ofEpochMilli(receivedAt))) {
            return ActionAnswer.refused("Cet horaire est passé");
        }
        CoworkingApi.KioskBooking booking = CoworkingApi.bookRoomOn(writer, site, member, room, start, end, receivedAt);
        return booking.refusal() == null ? new ActionAnswer(true, null, "Salle réservée")
                : ActionAnswer.refused(booking.refusal());
    }
}
