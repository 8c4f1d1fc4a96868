package fr.relais.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.broker.MosquittoProcess;
import fr.relais.hub.db.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mediation place's kiosk content, whole: the hub in its own JVM with the example territory,
 * the project's mosquitto (persistent, as in production), and the place's agent in its own JVM
 * with its loopback kiosk API. The test is the kiosk: it reads and acts only through that API,
 * and checks the hub's side through the hub's API, as a mediator's dashboard does.
 */
class KioskContentIT {
    static final String SITE = MontcornetKiosk.SITE;
    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @TempDir
    Path dir;

    final List<AutoCloseable> open = new ArrayList<>();
    /** The processes' logs, kept after the run for whoever reads a failure (the temporary folder is not). */
    final Path logs = Path.of("target", "kiosk-content-it");

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void theKioskShowsTheHubsContentActsThroughTheOutboxAndKeepsTakingTicketsOffline() throws Exception {
        Files.createDirectories(logs);
        int port = MosquittoProcess.freePort();
        String hubDb = Database.sqliteUrl(dir.resolve("hub.db"));
        List<String> example = List.of("--example-content");
        MosquittoProcess broker = MosquittoProcess.startPersistent(dir.resolve("broker"), port);
        open.add(broker);
        HubProcess hub = HubProcess.start(hubDb, broker.url(), logs.resolve("hub.log"), example);
        open.add(hub);
        Path linkFile = dir.resolve("node").resolve("kiosk-link.json");
        open.add(AgentProcess.start(MontcornetKiosk.agentConfig(dir, broker.url(), linkFile), logs.resolve("agent.log")));
        KioskLink kiosk = new KioskLink(linkFile);
        HubApi api = new HubApi(hub.httpPort());

        // The place's content reaches the kiosk through the agent, with the time it was refreshed.
        await("the place's content on the kiosk").atMost(PATIENCE).until(() -> kiosk.ready()
                && !kiosk.get("/kiosk/v1/content").path("content").isNull());
        JsonNode served = kiosk.get("/kiosk/v1/content");
        assertThat(served.path("refreshedAt").asText()).isNotBlank();
        JsonNode content = served.path("content");
        assertThat(content.path("place").path("name").asText()).contains("Montcornet");
        assertThat(content.path("hours").path("weekly")).isNotEmpty();

        // The van's next visit to Parfondeval, and the same visit in its public calendar (the QR code's URL).
        JsonNode parfondeval = find(content.path("van").path("communes"), "id", "parfondeval");
        JsonNode nextVisit = null;
        for (JsonNode visit : content.path("van").path("visits")) {
            if (visit.path("commune").asText().equals("parfondeval") && visit.path("status").asText().equals("planned")) {
                nextVisit = visit;
                break;
            }
        }
        assertThat(nextVisit).as("a planned visit to Parfondeval in the content").isNotNull();
        Set<OffsetDateTime> inCalendar = occurrences(parfondeval.path("calendarUrl").asText(), hub.httpPort());
        assertThat(inCalendar).contains(OffsetDateTime.parse(nextVisit.path("start").asText())
                .atZoneSameInstant(PARIS).toOffsetDateTime());

        // A workshop registration: kiosk → agent → outbox → hub; the seat count falls in the hub and the code comes back.
        JsonNode workshop = null;
        for (JsonNode candidate : content.path("workshops")) {
            if (candidate.path("free").asInt() > 0) {
                workshop = candidate;
                break;
            }
        }
        assertThat(workshop).as("a workshop with a free seat at Montcornet").isNotNull();
        String workshopId = workshop.path("id").asText();
        int freeBefore = workshop.path("free").asInt();
        KioskLink.Answer asked = kiosk.post("/kiosk/v1/actions",
                "{\"type\":\"workshop-register\",\"workshop\":\"" + workshopId + "\",\"firstName\":\"Odette\"}");
        assertThat(asked.status()).as(asked.body().toString()).isEqualTo(202);
        String action = asked.body().path("action").asText();
        await("the hub's answer to the registration").atMost(PATIENCE).until(() ->
                kiosk.get("/kiosk/v1/actions/" + action).path("state").asText().equals("done"));
        assertThat(kiosk.get("/kiosk/v1/actions/" + action).path("code").asText()).isNotBlank();
        JsonNode registrations = api.get("/api/workshops/" + workshopId + "/registrations");
        assertThat(registrations.path("items").findValuesAsText("firstName")).contains("Odette");
        await("one seat less on the kiosk").atMost(PATIENCE).until(() ->
                find(kiosk.get("/kiosk/v1/content").path("content").path("workshops"), "id", workshopId)
                        .path("free").asInt() == freeBefore - 1);

        // The hub goes away: a ticket is still numbered and given; a booking is refused in plain words.
        hub.close();
        await("the kiosk knows the link is down").atMost(PATIENCE).until(() ->
                kiosk.get("/kiosk/v1/status").path("link").asText().equals("down"));
        KioskLink.Answer ticket = kiosk.post("/kiosk/v1/tickets", "{\"topic\":\"caf\"}");
        assertThat(ticket.status()).as(ticket.body().toString()).isEqualTo(201);
        String label = ticket.body().path("label").asText();
        assertThat(label).startsWith("C");
        KioskLink.Answer booking = kiosk.post("/kiosk/v1/actions",
                "{\"type\":\"appointment-book\",\"slot\":\"any\",\"firstName\":\"Odette\"}");
        assertThat(booking.status()).isEqualTo(503);
        assertThat(booking.body().path("message").asText())
                .isEqualTo("La réservation sera possible quand la connexion reviendra.");

        // Back: the ticket reaches the hub; the mediator calls it; the kiosk shows the number called.
        HubProcess hubAgain = HubProcess.start(hubDb, broker.url(), logs.resolve("hub.log"), example);
        open.add(hubAgain);
        HubApi apiAgain = new HubApi(hubAgain.httpPort());
        await("the ticket taken offline in the hub's queue").atMost(PATIENCE).until(() ->
                apiAgain.get("/api/queue/" + SITE).path("items").findValuesAsText("label").contains(label));
        HubApi.Answer called = apiAgain.post("/api/queue/" + SITE + "/call-next", "{\"desk\":\"Bureau 1\"}");
        assertThat(called.status()).as(called.body().toString()).isEqualTo(200);
        assertThat(called.body().path("label").asText()).isEqualTo(label);
        await("the number called on the kiosk").atMost(PATIENCE).until(() -> {
            JsonNode calling = kiosk.get("/kiosk/v1/content").path("content").path("queue").path("calling");
            return calling.size() > 0 && calling.get(0).path("label").asText().equals(label);
        });
    }

    private static JsonNode find(JsonNode items, String field, String value) {
        for (JsonNode item : items) {
            if (item.path(field).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no " + field + " = " + value + " in " + items);
    }

    /** The start of every visit of the next three months in a public calendar, fetched without login. */
    private static Set<OffsetDateTime> occurrences(String calendarUrl, int hubPort) throws Exception {
        Calendar calendar = MontcornetKiosk.calendar(calendarUrl, hubPort);
        ZonedDateTime from = ZonedDateTime.now(PARIS).minusDays(1);
        Period<ZonedDateTime> window = new Period<>(from, from.plusMonths(3));
        Set<OffsetDateTime> starts = new TreeSet<>();
        for (VEvent event : calendar.<VEvent>getComponents("VEVENT")) {
            for (Period<ZonedDateTime> occurrence : event.<ZonedDateTime>calculateRecurrenceSet(window)) {
                starts.add(occurrence.getStart().withZoneSameInstant(PARIS).toOffsetDateTime()
                        .truncatedTo(ChronoUnit.MINUTES));
            }
        }
        return starts;
    }
}
