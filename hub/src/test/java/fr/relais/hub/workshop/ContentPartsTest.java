package fr.relais.hub.workshop;

import static fr.relais.hub.workshop.BookingsServer.SITE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.TestDatabase;
import fr.relais.hub.alert.MutableClock;
import fr.relais.hub.appointment.RoomParts;
import fr.relais.hub.appointment.SlotParts;
import fr.relais.hub.cowork.ExampleCoworking;
import fr.relais.hub.place.PlaceTimes;
import fr.relais.protocol.content.PlaceContent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the kiosks are given: this week's and next week's workshops, the free slots, the examples. */
class ContentPartsTest {
    private BookingsServer server;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        server = new BookingsServer(TestDatabase.Kind.SQLITE, dir);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void theKioskIsGivenTheComingWorkshopsAndTheFreeSlots() throws Exception {
        String kept = server.workshop(server.admin, SITE, 2);
        String cancelled = server.workshop(server.admin, SITE, 2);
        server.send(server.admin, "DELETE", "/api/workshops/" + cancelled, null, 200);
        server.send(server.admin, "POST", "/api/workshops/" + kept + "/registrations", "{}", 201);
        String inThreeWeeks = LocalDate.now(PlaceTimes.PARIS).plusWeeks(3).toString();
        server.send(server.admin, "POST", "/api/workshops", "{\"site\":\"" + SITE + "\",\"title\":\"Plus tard\","
                + "\"topic\":\"T\",\"level\":\"advanced\",\"start\":\"" + BookingsServer.at(inThreeWeeks, "10:00")
                + "\",\"end\":\"" + BookingsServer.at(inThreeWeeks, "11:00") + "\",\"seats\":4}", 201);

        List<PlaceContent.Workshop> shown = new WorkshopParts(server.database).workshops(SITE, Instant.now());
        assertThat(shown).extracting(PlaceContent.Workshop::id).containsExactly(kept);
        assertThat(shown.get(0).free()).isEqualTo(1);
        assertThat(shown.get(0).place()).isEqualTo("Salle informatique");
        assertThat(shown.get(0).start()).matches(".*T14:00:00\\+0[12]:00");

        String tomorrow = LocalDate.now(PlaceTimes.PARIS).plusDays(1).toString();
        var slots = server.send(server.admin, "POST", "/api/appointments/slots", "{\"site\":\"" + SITE + "\",\"day\":\""
                + tomorrow + "\",\"from\":\"14:00\",\"to\":\"15:00\",\"minutes\":20,\"with\":\"mediator\","
                + "\"place\":\"Bureau\"}", 201).path("items");
        server.send(server.admin, "POST", "/api/appointments/slots/" + slots.get(1).path("id").asText() + "/booking",
                "{\"firstName\":\"Anne\"}", 201);
        List<PlaceContent.Slot> free = new SlotParts(server.database).slots(SITE, Instant.now());
        assertThat(free).extracting(PlaceContent.Slot::id).containsExactly(slots.get(0).path("id").asText(),
                slots.get(2).path("id").asText());
        assertThat(new SlotParts(server.database).slots(SITE, Instant.now().plus(Duration.ofDays(3)))).isEmpty();
    }

    @Test
    void theExamplesAreLoadedOnceFromTodayOnForEveryPlace() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        int made = ExampleWorkshops.loadIfEmpty(server.database, clock);
        assertThat(made).isGreaterThan(20);
        assertThat(ExampleWorkshops.loadIfEmpty(server.database, clock)).as("not twice").isZero();
        for (String site : List.of("rozoy", "montcornet", "dizy-le-gros", "brunehamel", "rozoy-coworking")) {
            assertThat(new WorkshopParts(server.database).workshops(site, clock.instant())).as(site).isNotEmpty();
            assertThat(new WorkshopParts(server.database).example(site, clock.instant())).as(site).isTrue();
        }
        assertThat(new WorkshopParts(server.database).workshops("rozoy-coworking", clock.instant()))
                .allMatch(PlaceContent.Workshop::professional)
                .extracting(PlaceContent.Workshop::title).contains("Transformation numérique des TPE");
        assertThat(new SlotParts(server.database).slots("spi", clock.instant())).isNotEmpty()
                .allMatch(slot -> slot.with().equals("van") && slot.commune() != null);
        assertThat(server.admin.json("/api/workshops?site=rozoy").path("items").get(0).path("example").asBoolean())
                .isTrue();
    }

    @Test
    void theExampleCoworkingPlaceHasRoomsAndTodaysBookingsOnce() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        assertThat(ExampleCoworking.loadIfEmpty(server.database, clock)).as("member, 3 resources, 2 bookings")
                .isEqualTo(6);
        assertThat(ExampleCoworking.loadIfEmpty(server.database, clock)).as("not twice").isZero();
        List<PlaceContent.Room> rooms = new RoomParts(server.database).rooms("rozoy-coworking", clock.instant());
        assertThat(rooms).extracting(PlaceContent.Room::name).as("rooms only, not the desk")
                .containsExactly("Salle de réunion", "Salle de visio");
        assertThat(rooms.get(0).bookings()).extracting(PlaceContent.Taken::start)
                .allMatch(start -> start.startsWith(LocalDate.now(PlaceTimes.PARIS).toString()))
                .anyMatch(start -> start.contains("T10:00:00"));
        try (var statement = server.database.coworking().createStatement();
             var row = statement.executeQuery("SELECT name FROM coworking_members WHERE site_id = 'rozoy-coworking'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).as("said to be an example where people read it").contains("exemple");
        }
    }
}
