package fr.relais.hub.appointment;

import static fr.relais.hub.workshop.BookingsServer.OTHER_SITE;
import static fr.relais.hub.workshop.BookingsServer.SITE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.TestDatabase;
import fr.relais.hub.content.KioskActionHandler.ActionAnswer;
import fr.relais.hub.content.KioskActionHandler;
import fr.relais.hub.db.Sql;
import fr.relais.hub.place.BookingCode;
import fr.relais.hub.place.PlaceTimes;
import fr.relais.hub.web.Refusal;
import fr.relais.hub.workshop.BookingsServer;
import fr.relais.hub.workshop.WorkshopActions;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Event;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.Severity;
import fr.relais.protocol.content.KioskActions;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The kiosk's actions as the ingestion writer runs them: on its own connection, in its
 * transaction, committed by the caller. Good data is done with a code; garbage, a full workshop, a
 * taken slot or an unknown code is a refusal in French, never an exception.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class KioskActionsTest {
    private static final String NODE = "rozoy-pi";

    @Parameter
    TestDatabase.Kind kind;

    private BookingsServer server;
    private Connection writer;
    private final Map<String, KioskActionHandler> handlers = new LinkedHashMap<>();
    private final String tomorrow = LocalDate.now(PlaceTimes.PARIS).plusDays(1).toString();

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        server = new BookingsServer(kind, dir);
        writer = server.writer();
        List<KioskActionHandler> all = new ArrayList<>(WorkshopActions.handlers());
        all.addAll(AppointmentActions.handlers());
        all.forEach(handler -> handlers.put(handler.type(), handler));
    }

    @AfterEach
    void stop() throws Exception {
        writer.close();
        server.close();
    }

    private ActionAnswer run(String site, String type, Object... fields) throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("action", MessageIds.next().toString());
        for (int i = 0; i < fields.length; i += 2) {
            data.put((String) fields[i], fields[i + 1]);
        }
        Event event = new Event(new Envelope(MessageIds.next(), 1, Instant.now(), ClockConfidence.SYNCED),
                Optional.of("borne"), type, Severity.INFO, type, data);
        ActionAnswer answer = handlers.get(type).handle(writer, site, NODE, event, server.clock.millis()).orElseThrow();
        writer.commit();
        return answer;
    }

    @Test
    void theHandlersCoverEveryBookingActionOfTheContract() {
        assertThat(handlers.keySet()).containsExactlyInAnyOrder(KioskActions.WORKSHOP_REGISTER,
                KioskActions.WORKSHOP_CANCEL, KioskActions.APPOINTMENT_BOOK, KioskActions.APPOINTMENT_CANCEL,
                KioskActions.ROOM_BOOK);
    }

    @Test
    void aWorkshopIsRegisteredAtTheKioskUntilFullAndCancelledByCode() throws Exception {
        String workshop = server.workshop(server.admin, SITE, 2);
        ActionAnswer named = run(SITE, KioskActions.WORKSHOP_REGISTER, "workshop", workshop, "firstName", "Lucie");
        assertThat(named.done()).isTrue();
        assertThat(named.code()).matches("[" + BookingCode.ALPHABET + "]{6}");
        ActionAnswer anonymous = run(SITE, KioskActions.WORKSHOP_REGISTER, "workshop", workshop);
        assertThat(anonymous.done()).isTrue();
        assertThat(anonymous.message()).isEqualTo("Inscrit n° 2");
        ActionAnswer full = run(SITE, KioskActions.WORKSHOP_REGISTER, "workshop", workshop, "firstName", "Marc");
        assertThat(full).isEqualTo(ActionAnswer.refused("Plus de place pour cet atelier"));
        // Of another place's kiosk: as if unknown.
        assertThat(run(OTHER_SITE, KioskActions.WORKSHOP_CANCEL, "code", named.code()))
                .isEqualTo(ActionAnswer.refused("Code inconnu"));
        assertThat(run(SITE, KioskActions.WORKSHOP_CANCEL, "code", named.code().toLowerCase()).done()).isTrue();
        assertThat(run(SITE, KioskActions.WORKSHOP_CANCEL, "code", named.code()))
                .isEqualTo(ActionAnswer.refused("Code inconnu"));
        assertThat(run(SITE, KioskActions.WORKSHOP_REGISTER, "workshop", workshop, "firstName", "Marc").done())
                .as("the seat came back").isTrue();
        assertThat(server.admin.json("/api/workshops?site=" + SITE).path("items").get(0).path("free").asInt())
                .isZero();
        assertThat(run(OTHER_SITE, KioskActions.WORKSHOP_REGISTER, "workshop", workshop))
                .isEqualTo(ActionAnswer.refused("Atelier inconnu"));
    }

    @Test
    void garbageDataIsARefusalAndWritesNothing() throws Exception {
        String workshop = server.workshop(server.admin, SITE, 5);
        String slot = slot();
        assertThat(run(SITE, KioskActions.WORKSHOP_REGISTER, "workshop", 42L).message()).isEqualTo("Atelier inconnu");
        assertThat(run(SITE, KioskActions.WORKSHOP_REGISTER).message()).isEqualTo("Atelier inconnu");
        assertThat(run(SITE, KioskActions.WORKSHOP_REGISTER, "workshop", "../../etc").message())
                .isEqualTo("Atelier inconnu");
        assertThat(run(SITE, KioskActions.WORKSHOP_REGISTER, "workshop", workshop, "firstName", "x".repeat(41))
                .message()).startsWith("Prénom non valable");
        assertThat(run(SITE, KioskActions.WORKSHOP_REGISTER, "workshop", workshop, "firstName", true).message())
                .startsWith("Prénom non valable");
        assertThat(run(SITE, KioskActions.WORKSHOP_CANCEL, "code", 123456L).message()).isEqualTo("Code inconnu");
        assertThat(run(SITE, KioskActions.WORKSHOP_CANCEL, "code", "O0I1O0").message()).isEqualTo("Code inconnu");
        assertThat(run(SITE, KioskActions.APPOINTMENT_BOOK, "slot", slot).message()).isEqualTo("Indiquez votre prénom");
        assertThat(run(SITE, KioskActions.APPOINTMENT_BOOK, "slot", 3.5, "firstName", "Anne").message())
                .isEqualTo("Créneau inconnu");
        assertThat(run(SITE, KioskActions.APPOINTMENT_CANCEL).message()).isEqualTo("Code inconnu");
        assertThat(run(SITE, KioskActions.ROOM_BOOK, "member", "m1", "room", "r1", "start", "demain", "end", "x")
                .message()).isEqualTo("Horaire non valable");
        assertThat(Sql.query(writer, "SELECT COUNT(*) FROM workshop_registrations", row -> row.getInt(1)))
                .containsExactly(0);
        assertThat(Sql.query(writer, "SELECT COUNT(*) FROM appointment_bookings", row -> row.getInt(1)))
                .containsExactly(0);
    }

    @Test
    void aSlotIsBookedAtTheKioskOnceAndCancelledByCode() throws Exception {
        String slot = slot();
        ActionAnswer booked = run(SITE, KioskActions.APPOINTMENT_BOOK, "slot", slot, "firstName", " Josiane ");
        assertThat(booked.done()).isTrue();
        assertThat(run(SITE, KioskActions.APPOINTMENT_BOOK, "slot", slot, "firstName", "Marcel"))
                .isEqualTo(ActionAnswer.refused("Ce créneau vient d'être pris"));
        assertThat(run(OTHER_SITE, KioskActions.APPOINTMENT_BOOK, "slot", slot, "firstName", "Marcel").message())
                .isEqualTo("Créneau inconnu");
        assertThat(server.admin.json("/api/appointments?site=" + SITE + "&day=" + tomorrow).path("items").get(0)
                .path("booking").path("firstName").asText()).isEqualTo("Josiane");
        assertThat(run(SITE, KioskActions.APPOINTMENT_CANCEL, "code", booked.code()).done()).isTrue();
        assertThat(run(SITE, KioskActions.APPOINTMENT_CANCEL, "code", booked.code()))
                .isEqualTo(ActionAnswer.refused("Code inconnu"));
    }

    /** Two bookings of one slot at once, each on its own connection and transaction: one wins. */
    @Test
    void twoBookingsOfOneSlotRaceAndOneWins() throws Exception {
        String slot = slot();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (String name : List.of("Anne", "Bruno")) {
                outcomes.add(threads.submit(() -> {
                    try (Connection connection = server.writer()) {
                        go.await();
                        try {
                            SlotStore.book(connection, slot, SITE, name, "kiosk", server.clock.millis());
                            connection.commit();
                            return "booked";
                        } catch (Refusal refusal) {
                            connection.rollback();
                            return refusal.getMessage();
                        }
                    }
                }));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(60, TimeUnit.SECONDS));
            }
            assertThat(results).containsExactlyInAnyOrder("booked", SlotStore.TAKEN);
        } finally {
            threads.shutdownNow();
        }
        assertThat(Sql.query(writer, "SELECT COUNT(*) FROM appointment_bookings WHERE cancelled_at IS NULL",
                row -> row.getInt(1))).containsExactly(1);
    }

    @Test
    void aRoomIsBookedAtTheKioskWithTheCoworkingRules() throws Exception {
        String site = "rozoy-coworking";
        Sql.update(writer, "INSERT INTO coworking_members (id, site_id, name, plan_id, status, created_at)"
                + " VALUES ('camille', ?, 'Camille Martin', NULL, 'active', 0)", site);
        Sql.update(writer, "INSERT INTO coworking_members (id, site_id, name, plan_id, status, created_at)"
                + " VALUES ('parti', ?, 'Ancien membre', NULL, 'revoked', 0)", site);
        Sql.update(writer, "INSERT INTO coworking_resources (id, site_id, name, kind, door_id, created_at)"
                + " VALUES ('salle', ?, 'Salle de réunion', 'room', NULL, 0)", site);
        Sql.update(writer, "INSERT INTO coworking_resources (id, site_id, name, kind, door_id, created_at)"
                + " VALUES ('bureau-3', ?, 'Bureau 3', 'desk', NULL, 0)", site);
        writer.commit();
        String ten = BookingsServer.at(tomorrow, "10:00");
        String eleven = BookingsServer.at(tomorrow, "11:00");
        assertThat(run(site, KioskActions.ROOM_BOOK, "member", "camille", "room", "salle", "start", ten, "end", eleven)
                .done()).isTrue();
        assertThat(run(site, KioskActions.ROOM_BOOK, "member", "camille", "room", "salle", "start",
                BookingsServer.at(tomorrow, "10:30"), "end", BookingsServer.at(tomorrow, "11:30")))
                .isEqualTo(ActionAnswer.refused("Salle déjà réservée à ce moment-là"));
        assertThat(run(site, KioskActions.ROOM_BOOK, "member", "parti", "room", "salle", "start", eleven, "end",
                BookingsServer.at(tomorrow, "12:00")).message()).startsWith("Votre badge ne permet pas de réserver");
        assertThat(run(site, KioskActions.ROOM_BOOK, "member", "camille", "room", "bureau-3", "start", eleven, "end",
                BookingsServer.at(tomorrow, "12:00")).message()).isEqualTo("Salle inconnue");
        assertThat(run(site, KioskActions.ROOM_BOOK, "member", "camille", "room", "salle", "start", eleven, "end", ten)
                .message()).isEqualTo("Horaire non valable");
        List<PlaceContentRoom> rooms = new ArrayList<>();
        new RoomParts(server.database).rooms(site, PlaceTimes.parse(ten))
                .forEach(room -> rooms.add(new PlaceContentRoom(room.name(), room.bookings().size())));
        assertThat(rooms).containsExactly(new PlaceContentRoom("Salle de réunion", 1));
    }

    private record PlaceContentRoom(String name, int taken) {
    }

    private String slot() throws Exception {
        return server.send(server.admin, "POST", "/api/appointments/slots", "{\"site\":\"" + SITE
                + "\",\"with\":\"mediator\",\"place\":\"Bureau\",\"start\":\"" + BookingsServer.at(tomorrow, "09:00")
                + "\",\"end\":\"" + BookingsServer.at(tomorrow, "09:30") + "\"}", 201).path("items").get(0)
                .path("id").asText();
    }
}
