package fr.relais.hub.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.hub.ApiClient;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.alert.MutableClock;
import fr.relais.hub.content.ContentChanges;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code /api/queue/{site}} over HTTP with the real authentication, on SQLite and PostgreSQL, the
 * clock in the test's hands: the order of calls, the service times and the estimated wait, who may
 * do what, and garbage answered 400 with the field.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class QueueApiTest {
    private static final String SITE = "rozoy";
    private static final String DAY = "2026-12-01";
    /** 09:00 in Rozoy-sur-Serre (UTC+1 in December). */
    private static final Instant NINE = Instant.parse("2026-12-01T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameter
    TestDatabase.Kind kind;
    private final MutableClock clock = new MutableClock(NINE);
    private final List<String> told = new CopyOnWriteArrayList<>();
    private QueueServer server;
    private ApiClient admin;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        server = new QueueServer(kind, dir, clock, new ContentChanges() {
            @Override
            public void changed(String site) {
                told.add(site);
            }

            @Override
            public void changedAll() {
            }
        });
        admin = ApiClient.admin(server.port());
        // Four visitors, a minute apart, from 08:50; and one of another place.
        for (int i = 1; i <= 4; i++) {
            server.ticket("t" + i, SITE, DAY, i, "C" + i, "caf", NINE.minus(Duration.ofMinutes(11 - i)).toEpochMilli());
        }
        server.ticket("elsewhere", "montcornet", DAY, 1, "C1", "caf", NINE.toEpochMilli());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void callsInTurnAndMeasuresTheDaysServiceTimes() throws Exception {
        JsonNode before = admin.json("/api/queue/" + SITE);
        assertThat(before.path("waiting").asInt()).isEqualTo(4);
        assertThat(before.path("averageServiceSeconds").isNull()).isTrue();
        // Nobody served yet: 10 minutes each.
        assertThat(before.path("estimatedWaitMinutes").asInt()).isEqualTo(40);
        assertThat(before.path("items")).extracting(item -> item.path("label").asText())
                .containsExactly("C1", "C2", "C3", "C4");
        assertThat(before.path("items").get(0).path("takenAt").asText()).isEqualTo("2026-12-01T08:50:00+01:00");

        JsonNode first = call("Bureau 1", 200);
        assertThat(first.path("label").asText()).isEqualTo("C1");
        assertThat(first.path("status").asText()).isEqualTo("called");
        assertThat(first.path("calledAt").asText()).isEqualTo("2026-12-01T09:00:00+01:00");
        clock.advance(Duration.ofMinutes(1));
        assertThat(call("Bureau 2", 200).path("label").asText()).isEqualTo("C2");
        clock.advance(Duration.ofMinutes(4));
        // Bureau 1's next call closes C1 after 5 minutes with its visitor.
        assertThat(call("Bureau 1", 200).path("label").asText()).isEqualTo("C3");
        JsonNode after = admin.json("/api/queue/" + SITE + "?day=" + DAY);
        assertThat(after.path("averageServiceSeconds").asInt()).isEqualTo(300);
        assertThat(after.path("waiting").asInt()).isEqualTo(1);
        assertThat(after.path("estimatedWaitMinutes").asInt()).isEqualTo(5);
        assertThat(after.path("calling")).extracting(item -> item.path("label").asText() + "@"
                + item.path("desk").asText()).containsExactly("C3@Bureau 1", "C2@Bureau 2");

        // C2 was with Bureau 2 for 10 minutes: the mean is 7.5 minutes, the one waiting waits 8.
        clock.advance(Duration.ofMinutes(6));
        assertThat(send("POST", "/api/queue/" + SITE + "/tickets/t2/done", null, 200).path("doneAt").asText())
                .isEqualTo("2026-12-01T09:11:00+01:00");
        JsonNode served = admin.json("/api/queue/" + SITE);
        assertThat(served.path("averageServiceSeconds").asInt()).isEqualTo(450);
        assertThat(served.path("estimatedWaitMinutes").asInt()).isEqualTo(8);

        // C3 does not come: absent, not a service time; called again, it comes after all.
        send("POST", "/api/queue/" + SITE + "/tickets/t3/no-show", "{}", 200);
        send("POST", "/api/queue/" + SITE + "/tickets/t3/done", null, 409);
        clock.advance(Duration.ofMinutes(1));
        JsonNode recalled = send("POST", "/api/queue/" + SITE + "/tickets/t3/recall", "{\"desk\":\"Bureau 3\"}", 200);
        assertThat(recalled.path("status").asText()).isEqualTo("called");
        assertThat(recalled.path("desk").asText()).isEqualTo("Bureau 3");
        // Called again without a desk: it stays at the one it was called to.
        assertThat(send("POST", "/api/queue/" + SITE + "/tickets/t3/recall", null, 200).path("desk").asText())
                .isEqualTo("Bureau 3");
        assertThat(admin.json("/api/queue/" + SITE).path("averageServiceSeconds").asInt()).isEqualTo(450);

        assertThat(call("Bureau 2", 200).path("label").asText()).isEqualTo("C4");
        // Nobody left: the desk's visitor is done all the same, and the answer says nobody waits.
        assertThat(call("Bureau 2", 404).path("error").asText()).contains("nobody is waiting");
        assertThat(admin.json("/api/queue/montcornet").path("waiting").asInt()).isEqualTo(1);
        assertThat(told).containsOnly(SITE).hasSizeGreaterThanOrEqualTo(8);
        // Every write is in the audit, with what it did.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/api/audit?limit=100")
                .body(), audit -> audit.contains("queue of rozoy: next ticket called to Bureau 1")
                && audit.contains("queue of rozoy: ticket t3 recall"));
    }

    @Test
    void aMediatorRunsTheirOwnPlaceOnly() throws Exception {
        ApiClient mediator = server.account("claire", "mediator", SITE);
        ApiClient other = server.account("paul", "mediator", "montcornet");
        ApiClient viewer = server.account("vera", "viewer", SITE);
        assertThat(mediator.send("POST", "/api/queue/" + SITE + "/call-next", "{\"desk\":\"Accueil\"}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> refused = other.send("POST", "/api/queue/" + SITE + "/call-next", "{\"desk\":\"Accueil\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("montcornet");
        assertThat(other.get("/api/queue/" + SITE).statusCode()).isEqualTo(403);
        assertThat(other.send("POST", "/api/queue/" + SITE + "/tickets/t2/no-show", null).statusCode()).isEqualTo(403);
        assertThat(viewer.get("/api/queue/" + SITE).statusCode()).isEqualTo(200);
        assertThat(viewer.send("POST", "/api/queue/" + SITE + "/call-next", "{\"desk\":\"Accueil\"}").statusCode())
                .isEqualTo(403);
        assertThat(ApiClient.anonymous(server.port()).get("/api/queue/" + SITE).statusCode()).isEqualTo(401);
        // Only the mediator's call went through.
        assertThat(admin.json("/api/queue/" + SITE).path("calling")).hasSize(1);
    }

    @Test
    void garbageIsA400NamingTheField() throws Exception {
        String callNext = "/api/queue/" + SITE + "/call-next";
        assertThat(error("POST", callNext, null)).contains("desk is required");
        assertThat(error("POST", callNext, "{}")).contains("desk is required");
        assertThat(error("POST", callNext, "{\"desk\":42}")).contains("desk must be a text");
        assertThat(error("POST", callNext, "{\"desk\":\"" + "x".repeat(61) + "\"}")).contains("desk");
        assertThat(error("POST", callNext, "{\"desk\":\"B1\",\"who\":\"me\"}")).contains("unknown field 'who'");
        assertThat(error("POST", callNext, "[\"B1\"]")).contains("JSON object");
        assertThat(error("POST", callNext, "{\"desk\":")).contains("not valid JSON");
        assertThat(error("GET", "/api/queue/" + SITE + "?day=2026-13-45", null)).contains("day must be a date");
        assertThat(error("GET", "/api/queue/" + SITE + "?day=demain", null)).contains("day");
        assertThat(error("GET", "/api/queue/bad%20site", null)).contains("site");
        assertThat(error("POST", "/api/queue/" + SITE + "/tickets/t1/done", "{\"desk\":\"B1\"}")).contains("no body");
        assertThat(error("POST", "/api/queue/" + SITE + "/tickets/t1/recall", "{\"desk\":[]}")).contains("desk");
        assertThat(send("POST", "/api/queue/" + SITE + "/tickets/nobody/done", null, 404).path("error").asText())
                .contains("no ticket nobody");
        // A ticket of another place is not found through this one.
        send("POST", "/api/queue/" + SITE + "/tickets/elsewhere/done", null, 404);
        // Nothing was changed by any of it.
        assertThat(admin.json("/api/queue/" + SITE).path("waiting").asInt()).isEqualTo(4);
        assertThat(told).isEmpty();
    }

    private JsonNode call(String desk, int status) throws Exception {
        return send("POST", "/api/queue/" + SITE + "/call-next", "{\"desk\":\"" + desk + "\"}", status);
    }

    private String error(String method, String path, String body) throws Exception {
        return send(method, path, body, 400).path("error").asText();
    }

    private JsonNode send(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> response = admin.send(method, path, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }
}
