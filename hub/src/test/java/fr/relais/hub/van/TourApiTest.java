package fr.relais.hub.van;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.hub.ApiClient;
import fr.relais.hub.TestDatabase;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The places' and the van's routes through real HTTP on the hub's router, on SQLite and
 * PostgreSQL, with the example territory: public reads without login, writes by those who run
 * the site only, garbage refused naming the field, every write audited and told to the kiosks.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class TourApiTest {
    /** Tuesday 1 December 2026, 09:00 in Rozoy: the first Tuesday, Parfondeval's visit. */
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    @Parameter
    TestDatabase.Kind kind;

    private TourHub hub;
    private ApiClient admin;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        hub = new TourHub(kind, dir, NOW);
        admin = hub.admin;
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
    }

    @Test
    void theTourIsPublicAndItsWritesNeedAnAccount() throws Exception {
        ApiClient anonymous = ApiClient.anonymous(hub.port());
        JsonNode communes = anonymous.json("/api/van/communes");
        assertThat(communes.path("example").asBoolean()).isTrue();
        assertThat(communes.path("items").findValuesAsText("name")).contains("Parfondeval", "Dohis", "Archon",
                "Cuiry-lès-Iviers", "Grandrieux", "Résigny", "Clermont-les-Fermes", "La Ville-aux-Bois-lès-Dizy",
                "Dizy-le-Gros", "Brunehamel", "Montcornet", "Rozoy-sur-Serre").hasSizeGreaterThanOrEqualTo(27);
        JsonNode parfondeval = communes.path("items").findParents("id").stream()
                .filter(c -> c.path("id").asText().equals("parfondeval")).findFirst().orElseThrow();
        assertThat(parfondeval.path("calendarUrl").asText())
                .isEqualTo(TourHub.PUBLIC_URL + "/api/van/communes/parfondeval/tour.ics");

        JsonNode visits = anonymous.json("/api/van/visits?commune=parfondeval&from=2026-12-01&to=2027-02-28");
        assertThat(visits.path("items").findValuesAsText("start")).containsExactly("2026-12-01T09:00:00+01:00",
                "2027-01-05T09:00:00+01:00", "2027-02-02T09:00:00+01:00");
        assertThat(visits.path("items").get(0).path("place").asText()).isEqualTo("place de la mairie");
        assertThat(visits.path("items").get(0).path("communeName").asText()).isEqualTo("Parfondeval");

        // Every commune but Rozoy-sur-Serre and Montcornet is visited within each month.
        JsonNode january = anonymous.json("/api/van/visits?from=2027-01-01&to=2027-01-31&limit=1000");
        assertThat(january.path("items").findValuesAsText("commune")).containsAll(communes.path("items")
                .findParents("id").stream().filter(c -> c.path("vanServed").asBoolean())
                .map(c -> c.path("id").asText()).toList())
                .doesNotContain("rozoy-sur-serre", "montcornet");
        // A page of two, then the next one.
        HttpResponse<String> paged = anonymous.get("/api/van/visits?from=2027-01-01&to=2027-01-31&limit=2");
        assertThat(paged.headers().firstValue("Link").orElse("")).contains("cursor=2");
        assertThat(anonymous.json("/api/van/visits?from=2027-01-01&to=2027-01-31&limit=2&cursor=2")
                .path("items").get(0).path("start").asText())
                .isEqualTo(january.path("items").get(2).path("start").asText());

        HttpResponse<String> feed = anonymous.get("/api/van/communes/parfondeval/tour.ics");
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("content-type").orElse("")).isEqualTo("text/calendar; charset=utf-8");
        Calendar calendar = new CalendarBuilder().build(new StringReader(feed.body()));
        assertThat(calendar.<VEvent>getComponents("VEVENT")).hasSize(1);
        assertThat(feed.body()).contains("exemple", "RRULE:FREQ=MONTHLY;BYDAY=1TU");
        assertThat(anonymous.get("/api/van/tour.ics").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/api/van/communes/nowhere/tour.ics").statusCode()).isEqualTo(404);

        assertThat(anonymous.send("POST", "/api/van/stops", "{}").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/van/stops").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/places/rozoy/hours").statusCode()).isEqualTo(401);
    }

    @Test
    void theVansAgentsCancelAVisitAndAnotherPlacesMediatorCannot() throws Exception {
        ApiClient van = hub.account("agent-spi", "mediator", "spi");
        ApiClient rozoy = hub.account("mediatrice-rozoy", "mediator", "rozoy");
        String exception = "{\"kind\":\"cancelled\",\"date\":\"2027-01-05\",\"stop\":\"arret-parfondeval\","
                + "\"reason\":\"Panne du bus\"}";
        hub.send(rozoy, "POST", "/api/van/exceptions", exception, 403);
        JsonNode cancelled = hub.send(van, "POST", "/api/van/exceptions", exception, 201);
        assertThat(hub.changes.all).isNotEmpty();
        hub.send(van, "POST", "/api/van/exceptions", exception, 409);
        // Not a day that stop visits: a 400 naming the date.
        JsonNode wrongDay = hub.send(van, "POST", "/api/van/exceptions", exception.replace("2027-01-05", "2027-01-06"),
                400);
        assertThat(wrongDay.path("error").asText()).startsWith("date: ");

        JsonNode visits = admin.json("/api/van/visits?commune=parfondeval&from=2027-01-01&to=2027-01-31");
        assertThat(visits.path("items").get(0).path("status").asText()).isEqualTo("cancelled");
        assertThat(visits.path("items").get(0).path("note").asText()).isEqualTo("Panne du bus");
        String feed = ApiClient.anonymous(hub.port()).get("/api/van/communes/parfondeval/tour.ics").body();
        assertThat(feed).contains("EXDATE;TZID=Europe/Paris:20270105T090000");

        // A stop added by the van's agents, then moved to the afternoon.
        JsonNode stop = hub.send(van, "POST", "/api/van/stops", "{\"commune\":\"archon\",\"place\":\"lavoir\","
                + "\"weekday\":\"FRIDAY\",\"ordinal\":-1,\"start\":\"10:00\",\"end\":\"11:00\",\"validFrom\":\"2026-12-01\"}",
                201);
        hub.send(rozoy, "PATCH", "/api/van/stops/" + stop.path("id").asText(), "{\"start\":\"14:00\"}", 403);
        JsonNode moved = hub.send(van, "PATCH", "/api/van/stops/" + stop.path("id").asText(),
                "{\"start\":\"14:00\",\"end\":\"15:30\"}", 200);
        assertThat(moved.path("place").asText()).isEqualTo("lavoir");
        assertThat(admin.json("/api/van/visits?commune=archon&from=2027-03-01&to=2027-03-31").path("items")
                .findValuesAsText("start")).contains("2027-03-26T14:00:00+01:00");
        hub.send(van, "DELETE", "/api/van/exceptions/" + cancelled.path("id").asText(), null, 204);
        hub.send(van, "DELETE", "/api/van/stops/" + stop.path("id").asText(), null, 204);
        hub.send(van, "DELETE", "/api/van/stops/" + stop.path("id").asText(), null, 404);

        JsonNode audit = await().atMost(Duration.ofSeconds(20)).until(() -> admin.json("/api/audit?limit=100"),
                rows -> rows.findValuesAsText("summary").stream().anyMatch(s -> s.contains("deleted")));
        assertThat(audit.findValuesAsText("summary")).anyMatch(s -> s.startsWith("van exception"))
                .anyMatch(s -> s.startsWith("van stop"));
    }

    @Test
    void aPlacesHoursAreChangedByItsMediatorOnlyAndSayWhetherItIsOpen() throws Exception {
        ApiClient rozoy = hub.account("mediatrice-rozoy", "mediator", "rozoy");
        ApiClient montcornet = hub.account("mediateur-montcornet", "mediator", "montcornet");
        JsonNode hours = hub.send(rozoy, "GET", "/api/places/rozoy/hours", null, 200);
        assertThat(hours.path("timeZone").asText()).isEqualTo("Europe/Paris");
        assertThat(hours.path("now").path("open").asBoolean()).isTrue();
        assertThat(hours.path("now").path("closesAt").asText()).isEqualTo("2026-12-01T12:00:00+01:00");
        assertThat(hours.path("example").asBoolean()).isTrue();
        hub.send(montcornet, "GET", "/api/places/rozoy/hours", null, 403);
        hub.send(montcornet, "PUT", "/api/places/rozoy/hours", "{\"weekly\":[]}", 403);

        JsonNode changed = hub.send(rozoy, "PUT", "/api/places/rozoy/hours", "{\"weekly\":[{\"day\":\"TUESDAY\","
                + "\"opens\":\"10:00\",\"closes\":\"12:00\"},{\"day\":\"TUESDAY\",\"opens\":\"14:00\",\"closes\":\"18:00\"}]}",
                200);
        assertThat(changed.path("now").path("open").asBoolean()).isFalse();
        assertThat(changed.path("now").path("opensAt").asText()).isEqualTo("2026-12-01T10:00:00+01:00");
        assertThat(hub.changes.sites).contains("rozoy");

        JsonNode closed = hub.send(rozoy, "POST", "/api/places/rozoy/hours/exceptions",
                "{\"date\":\"2026-12-01\",\"closed\":true,\"label\":\"Formation\"}", 201);
        JsonNode after = hub.send(rozoy, "GET", "/api/places/rozoy/hours", null, 200);
        assertThat(after.path("now").path("opensAt").asText()).isEqualTo("2026-12-08T10:00:00+01:00");
        assertThat(after.path("exceptions").findValuesAsText("label")).contains("Formation");
        hub.send(montcornet, "DELETE", "/api/places/rozoy/hours/exceptions/" + closed.path("id").asText(), null, 403);
        hub.send(rozoy, "DELETE", "/api/places/rozoy/hours/exceptions/" + closed.path("id").asText(), null, 204);

        assertThat(hub.send(admin, "GET", "/api/places", null, 200).path("items").findValuesAsText("site"))
                .contains("rozoy", "montcornet", "dizy-le-gros", "brunehamel", "rozoy-coworking", "spi");
        JsonNode place = hub.send(rozoy, "GET", "/api/places/rozoy", null, 200);
        assertThat(place.path("commune").path("name").asText()).isEqualTo("Rozoy-sur-Serre");
        assertThat(place.path("name").asText()).isEqualTo("Tiers-lieu numérique de Rozoy-sur-Serre");
        hub.send(admin, "GET", "/api/places/nowhere", null, 404);
    }

    @Test
    void garbageIsRefusedNamingTheFieldAndChangesNothing() throws Exception {
        List<String[]> refused = List.of(
                new String[] {"PUT", "/api/places/rozoy/hours", "{\"weekly\":[{\"day\":\"TUESDAY\",\"opens\":\"25:00\","
                        + "\"closes\":\"26:00\"}]}", "weekly[0].opens"},
                new String[] {"PUT", "/api/places/rozoy/hours", "{\"weekly\":[{\"day\":\"MARDI\",\"opens\":\"09:00\","
                        + "\"closes\":\"12:00\"}]}", "weekly[0].day"},
                new String[] {"PUT", "/api/places/rozoy/hours", "{\"weekly\":[{\"day\":\"TUESDAY\",\"opens\":\"09:00\","
                        + "\"closes\":\"12:00\"},{\"day\":\"TUESDAY\",\"opens\":\"11:00\",\"closes\":\"13:00\"}]}",
                        "weekly[1].opens"},
                new String[] {"PUT", "/api/places/rozoy/hours", "{\"weekly\":\"always\"}", "weekly"},
                new String[] {"PUT", "/api/places/rozoy/hours", "[1,2]", "JSON object"},
                new String[] {"PUT", "/api/places/rozoy/hours", "{\"weekly\":[], \"daily\":1}", "daily"},
                new String[] {"POST", "/api/places/rozoy/hours/exceptions", "{\"date\":\"2026-13-01\",\"closed\":true}",
                        "date"},
                new String[] {"POST", "/api/places/rozoy/hours/exceptions", "{\"date\":\"2026-12-24\",\"opens\":\"09:00\"}",
                        "closes"},
                new String[] {"POST", "/api/van/stops", "{\"commune\":\"archon\",\"place\":\"lavoir\",\"weekday\":\"FRIDAY\","
                        + "\"ordinal\":5,\"start\":\"10:00\",\"end\":\"11:00\"}", "ordinal"},
                new String[] {"POST", "/api/van/stops", "{\"commune\":\"archon\",\"place\":\"lavoir\",\"weekday\":\"FRIDAY\","
                        + "\"ordinal\":1,\"start\":\"11:00\",\"end\":\"10:00\"}", "end"},
                new String[] {"POST", "/api/van/stops", "{\"commune\":\"atlantis\",\"place\":\"x\",\"weekday\":\"FRIDAY\","
                        + "\"ordinal\":1,\"start\":\"10:00\",\"end\":\"11:00\"}", "commune"},
                new String[] {"POST", "/api/van/exceptions", "{\"kind\":\"holiday\",\"date\":\"2026-12-25\"}", "kind"},
                new String[] {"POST", "/api/van/exceptions", "{\"kind\":\"added\",\"date\":\"2026-12-25\"}", "commune"},
                new String[] {"POST", "/api/van/exceptions", "{\"kind\":\"moved\",\"date\":\"2027-01-05\","
                        + "\"stop\":\"arret-parfondeval\",\"toDate\":\"2027-06-01\"}", "toDate"},
                new String[] {"POST", "/api/van/exceptions", "not json", "not valid JSON"});
        for (String[] request : refused) {
            HttpResponse<String> response = admin.send(request[0], request[1], request[2]);
            assertThat(response.statusCode()).as(String.join(" ", request) + " → " + response.body()).isEqualTo(400);
            assertThat(response.body()).as(request[2]).contains(request[3]);
        }
        HttpResponse<String> badQuery = ApiClient.anonymous(hub.port()).get("/api/van/visits?from=demain");
        assertThat(badQuery.statusCode()).isEqualTo(400);
        assertThat(badQuery.body()).contains("from must be a date");
        assertThat(ApiClient.anonymous(hub.port()).get("/api/van/visits?colour=blue").body())
                .contains("unknown parameter 'colour'");
        assertThat(hub.changes.sites).isEmpty();
        assertThat(hub.changes.all).isEmpty();
        assertThat(admin.json("/api/places/rozoy/hours").path("weekly").size()).as("hours unchanged").isEqualTo(9);
    }
}
