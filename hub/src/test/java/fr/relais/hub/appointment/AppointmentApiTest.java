package fr.relais.hub.appointment;

import static fr.relais.hub.workshop.BookingsServer.OTHER_SITE;
import static fr.relais.hub.workshop.BookingsServer.SITE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.hub.ApiClient;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.place.BookingCode;
import fr.relais.hub.place.PlaceTimes;
import fr.relais.hub.workshop.BookingsServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The appointments' API through real HTTP, on SQLite and PostgreSQL. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class AppointmentApiTest {
    @Parameter
    TestDatabase.Kind kind;

    private BookingsServer server;
    private ApiClient admin;
    private final String tomorrow = LocalDate.now(PlaceTimes.PARIS).plusDays(1).toString();

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        server = new BookingsServer(kind, dir);
        admin = server.admin;
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private JsonNode cutTomorrow(ApiClient client, String site) throws Exception {
        return server.send(client, "POST", "/api/appointments/slots", "{\"site\":\"" + site + "\",\"day\":\"" + tomorrow
                + "\",\"from\":\"09:00\",\"to\":\"12:10\",\"minutes\":30,\"with\":\"mediator\","
                + "\"place\":\"Bureau du médiateur\"}", 201).path("items");
    }

    @Test
    void aDayCutInSlotsIsBookedWithAFirstNameAndCancelledByItsCode() throws Exception {
        JsonNode slots = cutTomorrow(admin, SITE);
        assertThat(slots).as("09:00 to 12:00 in 30 minutes; the 10 minutes left over make no slot").hasSize(6);
        assertThat(slots.get(0).path("start").asText()).isEqualTo(BookingsServer.at(tomorrow, "09:00"));
        assertThat(slots.get(5).path("end").asText()).isEqualTo(BookingsServer.at(tomorrow, "12:00"));
        String first = slots.get(0).path("id").asText();

        JsonNode booked = server.send(admin, "POST", "/api/appointments/slots/" + first + "/booking",
                "{\"firstName\":\"Josiane\"}", 201);
        String code = booked.path("code").asText();
        assertThat(code).matches("[" + BookingCode.ALPHABET + "]{6}");
        HttpResponse<String> taken = admin.send("POST", "/api/appointments/slots/" + first + "/booking",
                "{\"firstName\":\"Marcel\"}");
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.body()).contains("Ce créneau vient d'être pris");
        // A booked slot cannot be deleted under the visitor's feet.
        assertThat(admin.send("DELETE", "/api/appointments/slots/" + first, null).statusCode()).isEqualTo(409);

        JsonNode free = server.send(admin, "GET", "/api/appointments/slots?site=" + SITE + "&free=true", null, 200);
        assertThat(free.path("items")).hasSize(5);
        JsonNode day = server.send(admin, "GET", "/api/appointments?site=" + SITE + "&day=" + tomorrow, null, 200);
        assertThat(day.path("items")).hasSize(6);
        assertThat(day.path("items").get(0).path("booking").path("firstName").asText()).isEqualTo("Josiane");

        assertThat(admin.send("DELETE", "/api/appointments/bookings/NOPE42", null).body()).contains("Code inconnu");
        server.send(admin, "DELETE", "/api/appointments/bookings/" + code, null, 200);
        server.send(admin, "DELETE", "/api/appointments/bookings/" + code, null, 404);
        assertThat(server.send(admin, "GET", "/api/appointments/slots?site=" + SITE + "&free=true", null, 200)
                .path("items")).hasSize(6);
        server.send(admin, "DELETE", "/api/appointments/slots/" + first, null, 200);
        assertThat(server.send(admin, "GET", "/api/appointments/slots?site=" + SITE + "&limit=2", null, 200)
                .path("next").isNull()).as("5 slots in pages of 2: a next page").isFalse();
        assertThat(server.changes.sites).containsOnly(SITE).hasSize(4);
    }

    @Test
    void everyWriteIsInTheAuditWithWhoAndWhatButNeverTheVisitorsName() throws Exception {
        ApiClient mediator = server.account("claire", "mediator", SITE);
        JsonNode slots = cutTomorrow(mediator, SITE);
        String first = slots.get(0).path("id").asText();
        String second = slots.get(1).path("id").asText();
        String code = server.send(mediator, "POST", "/api/appointments/slots/" + first + "/booking",
                "{\"firstName\":\"Josiane\"}", 201).path("code").asText();
        server.send(mediator, "DELETE", "/api/appointments/bookings/" + code, null, 200);
        server.send(mediator, "DELETE", "/api/appointments/slots/" + second, null, 200);

        // Recorded once each answer is sent: the rows come a moment after.
        JsonNode rows = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(
                () -> server.send(admin, "GET", "/api/audit?username=claire&limit=100", null, 200),
                items -> items.findValuesAsText("path").stream().filter(path -> path.startsWith("/api/appointments"))
                        .count() == 4);
        java.util.List<String> lines = new java.util.ArrayList<>();
        rows.forEach(row -> {
            if (row.path("path").asText().startsWith("/api/appointments")) { // not her login
                lines.add(row.path("method").asText() + " " + row.path("status").asInt() + " "
                        + row.path("summary").asText());
            }
        });
        assertThat(lines).containsExactlyInAnyOrder(
                "POST 201 6 appointment slots created on " + SITE,
                "POST 201 appointment slot " + first + " booked",
                "DELETE 200 appointment booking cancelled",
                "DELETE 200 appointment slot " + second + " deleted");
        assertThat(rows.toString()).as("bodies are never recorded: no visitor's first name").doesNotContain("Josiane");
    }

    @Test
    void aDayOfTheSpringChangeKeepsItsLocalTimesAndSkipsTheHourThatDoesNotExist() throws Exception {
        JsonNode slots = server.send(admin, "POST", "/api/appointments/slots", "{\"site\":\"" + SITE
                + "\",\"day\":\"2027-03-28\",\"from\":\"01:00\",\"to\":\"04:00\",\"minutes\":60,"
                + "\"with\":\"van\",\"place\":\"Place de la mairie\",\"commune\":\"parfondeval\"}", 201).path("items");
        assertThat(slots.findValuesAsText("start")).containsExactly("2027-03-28T01:00:00+01:00",
                "2027-03-28T03:00:00+02:00");
        assertThat(slots.findValuesAsText("end")).containsExactly("2027-03-28T03:00:00+02:00",
                "2027-03-28T04:00:00+02:00");
        assertThat(slots.get(0).path("commune").asText()).isEqualTo("parfondeval");
    }

    @Test
    void codesAreUniqueAndUnambiguous() throws Exception {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String code = BookingCode.next();
            assertThat(code).hasSize(6).doesNotContain("0", "O", "1", "I");
            seen.add(code);
        }
        assertThat(seen).as("20 000 random codes of a billion: a repeat is unlikely, not forbidden").hasSizeGreaterThan(19_990);
        Set<String> booked = new HashSet<>();
        for (JsonNode slot : cutTomorrow(admin, SITE)) {
            booked.add(server.send(admin, "POST", "/api/appointments/slots/" + slot.path("id").asText() + "/booking",
                    "{\"firstName\":\"Anne\"}", 201).path("code").asText());
        }
        assertThat(booked).hasSize(6);
        assertThat(BookingCode.normalise(" abcdef ")).isEqualTo("ABCDEF");
        assertThat(BookingCode.normalise("ABCDE0")).as("a 0 is never in a code").isNull();
        assertThat(BookingCode.normalise(42)).isNull();
    }

    @Test
    void aMediatorOfAnotherSiteIsRefusedAndGarbageNamesTheField() throws Exception {
        String slot = cutTomorrow(admin, SITE).get(0).path("id").asText();
        ApiClient mediator = server.account("mediateur-montcornet", "mediator", OTHER_SITE);
        assertThat(mediator.send("POST", "/api/appointments/slots/" + slot + "/booking", "{\"firstName\":\"A\"}")
                .statusCode()).isEqualTo(403);
        assertThat(mediator.get("/api/appointments?site=" + SITE).statusCode()).isEqualTo(403);
        assertThat(mediator.send("DELETE", "/api/appointments/slots/" + slot, null).statusCode()).isEqualTo(403);
        assertThat(mediator.send("POST", "/api/appointments/slots", "{\"site\":\"" + SITE + "\",\"with\":\"mediator\","
                + "\"place\":\"B\",\"start\":\"2030-01-07T09:00:00+01:00\",\"end\":\"2030-01-07T09:30:00+01:00\"}")
                .statusCode()).isEqualTo(403);
        assertThat(cutTomorrow(mediator, OTHER_SITE)).hasSize(6);
        assertThat(server.send(mediator, "GET", "/api/appointments", null, 200).path("site").asText())
                .isEqualTo(OTHER_SITE);

        String base = "\"site\":\"" + SITE + "\",\"place\":\"B\"";
        assertRefused("POST", "/api/appointments/slots", "{" + base + ",\"with\":\"mayor\",\"start\":\""
                + "2030-01-07T09:00:00+01:00\",\"end\":\"2030-01-07T09:30:00+01:00\"}", "with");
        assertRefused("POST", "/api/appointments/slots", "{" + base + ",\"with\":\"van\",\"day\":\"" + tomorrow
                + "\",\"from\":\"9h\",\"to\":\"12:00\",\"minutes\":30}", "from");
        assertRefused("POST", "/api/appointments/slots", "{" + base + ",\"with\":\"van\",\"day\":\"" + tomorrow
                + "\",\"from\":\"09:00\",\"to\":\"12:00\",\"minutes\":1}", "minutes");
        assertRefused("POST", "/api/appointments/slots", "{" + base + ",\"with\":\"van\",\"day\":\"31/12\","
                + "\"from\":\"09:00\",\"to\":\"12:00\",\"minutes\":30}", "day");
        assertRefused("POST", "/api/appointments/slots", "{" + base + ",\"with\":\"van\",\"day\":\"" + tomorrow
                + "\",\"from\":\"09:00\",\"to\":\"12:00\",\"minutes\":30,\"start\":\"2030-01-07T09:00:00Z\"}", "start");
        assertRefused("POST", "/api/appointments/slots", "{" + base + ",\"with\":\"van\",\"commune\":\"Archon!\","
                + "\"start\":\"2030-01-07T09:00:00Z\",\"end\":\"2030-01-07T09:30:00Z\"}", "commune");
        assertRefused("POST", "/api/appointments/slots/" + slot + "/booking", "{}", "firstName");
        assertRefused("POST", "/api/appointments/slots/" + slot + "/booking", "{\"firstName\":\"   \"}", "firstName");
        assertRefused("POST", "/api/appointments/slots/" + slot + "/booking", "{\"firstName\":\"A\",\"phone\":\"06\"}",
                "phone");
        assertRefused("GET", "/api/appointments?site=" + SITE + "&day=tomorrow", null, "day");
        assertRefused("GET", "/api/appointments/slots?free=maybe", null, "free");
        assertRefused("GET", "/api/appointments/slots?limit=0", null, "limit");
        assertThat(server.send(admin, "GET", "/api/appointments/slots?site=" + SITE + "&free=true", null, 200)
                .path("items")).as("the garbage booked nothing").hasSize(6);
    }

    private void assertRefused(String method, String path, String body, String field) throws Exception {
        HttpResponse<String> response = admin.send(method, path, body);
        assertThat(response.statusCode()).as(method + " " + path + " " + body + ": " + response.body()).isEqualTo(400);
        assertThat(response.body()).as(method + " " + path).contains(field);
    }
}
