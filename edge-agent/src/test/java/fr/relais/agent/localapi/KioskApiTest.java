package fr.relais.agent.localapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.agent.content.ContentSamples;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.Event;
import fr.relais.protocol.Health;
import fr.relais.protocol.content.PlaceContent;
import fr.relais.protocol.content.PlaceContentCodec;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kiosk API over real HTTP: the token, each read endpoint, actions online and offline, garbage. */
class KioskApiTest {
    static final Instant MORNING = Instant.parse("2026-12-07T09:30:00Z");

    @TempDir
    Path dir;
    KioskRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = new KioskRig(dir, MORNING).start();
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void theLinkFileHasTheUrlAndAFreshTokenOnlyTheGroupMayRead() throws Exception {
        Path link = dir.resolve("run/kiosk-link.json");
        JsonNode written = KioskRig.JSON.readTree(link.toFile());
        assertThat(written.path("url").asText()).isEqualTo(rig.api.url()).startsWith("http://127.0.0.1:");
        assertThat(written.path("token").asText()).isEqualTo(rig.api.token()).hasSizeGreaterThan(30);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(link))).isEqualTo("rw-r-----");

        String first = rig.api.token();
        rig.close();
        rig.start();
        assertThat(rig.api.token()).as("a new token at every start").isNotEqualTo(first);
        assertThat(KioskRig.JSON.readTree(link.toFile()).path("token").asText()).isEqualTo(rig.api.token());
    }

    @Test
    void everyRequestNeedsTheToken() throws Exception {
        HttpResponse<String> none = rig.send(HttpRequest.newBuilder(rig.uri("/kiosk/v1/status")).GET().build());
        HttpResponse<String> wrong = rig.send(HttpRequest.newBuilder(rig.uri("/kiosk/v1/status"))
                .header("Authorization", "Bearer not-the-token").GET().build());
        HttpResponse<String> ticket = rig.send(HttpRequest.newBuilder(rig.uri("/kiosk/v1/tickets"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"caf\"}")).build());

        assertThat(List.of(none.statusCode(), wrong.statusCode(), ticket.statusCode())).containsOnly(401);
        assertThat(KioskRig.json(none).path("error").asText()).isEqualTo("unauthorized");
        assertThat(rig.events("ticket-taken")).as("no ticket without the token").isEmpty();
        assertThat(rig.get("/kiosk/v1/status").statusCode()).isEqualTo(200);
    }

    @Test
    void statusAndContentSayWhatTheNodeHoldsAndWhetherTheLinkIsUp() throws Exception {
        JsonNode empty = KioskRig.json(rig.get("/kiosk/v1/status"));
        assertThat(empty.path("node").asText()).isEqualTo(KioskRig.NODE);
        assertThat(empty.path("site").asText()).isEqualTo(KioskRig.SITE);
        assertThat(empty.path("link").asText()).isEqualTo("down");
        assertThat(empty.path("refreshedAt").isNull()).isTrue();
        assertThat(empty.path("contentVersion").isNull()).isTrue();
        assertThat(KioskRig.json(rig.get("/kiosk/v1/content")).path("content").isNull()).isTrue();

        PlaceContent content = ContentSamples.content(KioskRig.SITE, 1_765_000_000_000L);
        rig.feed.deliver(PlaceContentCodec.encode(content));
        rig.linkUp.set(true);

        JsonNode status = KioskRig.json(rig.get("/kiosk/v1/status"));
        assertThat(status.path("link").asText()).isEqualTo("up");
        assertThat(status.path("contentVersion").asLong()).isEqualTo(1_765_000_000_000L);
        assertThat(status.path("refreshedAt").asText()).as("local time, with its offset").isEqualTo("2026-12-07T10:30:00+01:00");
        JsonNode served = KioskRig.json(rig.get("/kiosk/v1/content"));
        assertThat(served.path("link").asText()).isEqualTo("up");
        assertThat(PlaceContentCodec.decode(KioskRig.JSON.writeValueAsBytes(served.path("content"))))
                .as("the hub's document, whole").isEqualTo(content);
    }

    @Test
    void devicesShowTheLatestReadingOfEachDevice() throws Exception {
        rig.states.reading("imprimante", new Reading(Health.CRITICAL, Map.of("state", "stopped",
                "reasons", "media-empty, toner-low", "tonerPercent", 8L), List.of()));

        JsonNode items = KioskRig.json(rig.get("/kiosk/v1/devices")).path("items");
        assertThat(items).hasSize(2);
        JsonNode printer = items.get(0);
        assertThat(printer.path("id").asText()).isEqualTo("imprimante");
        assertThat(printer.path("kind").asText()).isEqualTo("printer");
        assertThat(printer.path("health").asText()).isEqualTo("error");
        assertThat(printer.path("reasons").toString()).isEqualTo("[\"media-empty\",\"toner-low\"]");
        assertThat(printer.path("metrics").path("tonerPercent").asInt()).isEqualTo(8);
        assertThat(printer.path("simulated").asBoolean()).isFalse();
        assertThat(items.get(1).path("health").asText()).as("no reading yet").isEqualTo("unknown");
        assertThat(items.get(1).path("simulated").asBoolean()).isTrue();
    }

    @Test
    void anActionThatNeedsTheHubIsRefusedOfflineAndNothingIsQueued() throws Exception {
        HttpResponse<String> offline = rig.post("/kiosk/v1/actions",
                "{\"type\":\"workshop-register\",\"workshop\":\"w-1\",\"firstName\":\"Josiane\"}");

        assertThat(offline.statusCode()).isEqualTo(503);
        assertThat(KioskRig.json(offline).path("error").asText()).isEqualTo("offline");
        assertThat(KioskRig.json(offline).path("message").asText())
                .isEqualTo("La réservation sera possible quand la connexion reviendra.");
        assertThat(rig.events("workshop-register")).isEmpty();
    }

    @Test
    void anActionOnlineGoesToTheOutboxAndItsStateComesFromTheContentsAnswers() throws Exception {
        rig.linkUp.set(true);
        HttpResponse<String> accepted = rig.post("/kiosk/v1/actions",
                "{\"type\":\"appointment-book\",\"slot\":\"s-42\",\"firstName\":\" Josiane \"}");

        assertThat(accepted.statusCode()).isEqualTo(202);
        String action = KioskRig.json(accepted).path("action").asText();
        assertThat(KioskRig.json(accepted).path("state").asText()).isEqualTo("pending");
        Event event = rig.outboxEvents("appointment-book", 1).get(0);
        assertThat(event.device()).contains("borne");
        assertThat(event.data()).containsEntry("action", action).containsEntry("slot", "s-42")
                .containsEntry("firstName", "Josiane");
        assertThat(KioskRig.json(rig.get("/kiosk/v1/actions/" + action)).path("state").asText()).isEqualTo("pending");

        rig.feed.deliver(PlaceContentCodec.encode(ContentSamples.content(KioskRig.SITE, 2, MORNING, 0, null,
                ContentSamples.list(new PlaceContent.Answer(action, "done", "K7M2QX", null)))));
        JsonNode answered = KioskRig.json(rig.get("/kiosk/v1/actions/" + action));
        assertThat(answered.path("state").asText()).isEqualTo("done");
        assertThat(answered.path("code").asText()).isEqualTo("K7M2QX");
    }

    @Test
    void anActionIdThisAgentNeverIssuedIs404NotPendingAndOneIssuedStaysPendingAcrossARestart() throws Exception {
        rig.linkUp.set(true);
        String issued = KioskRig.json(rig.post("/kiosk/v1/actions",
                "{\"type\":\"workshop-register\",\"workshop\":\"w-1\"}")).path("action").asText();
        String never = java.util.UUID.randomUUID().toString();

        HttpResponse<String> unknown = rig.get("/kiosk/v1/actions/" + never);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(KioskRig.json(unknown).path("error").asText()).isEqualTo("unknown-action");
        assertThat(KioskRig.json(unknown).path("message").asText()).isEqualTo(ActionDesk.UNKNOWN_ACTION);
        assertThat(rig.api.badRequests()).as("a lost action is no garbage").isZero();

        rig.close();
        rig.start();
        assertThat(KioskRig.json(rig.get("/kiosk/v1/actions/" + issued)).path("state").asText())
                .as("issued before the restart, still unanswered").isEqualTo("pending");
        assertThat(rig.get("/kiosk/v1/actions/" + never).statusCode()).isEqualTo(404);
        for (String malformed : List.of("1-2-3-4-5", issued + "0", "%20", issued.substring(1))) {
            HttpResponse<String> refused = rig.get("/kiosk/v1/actions/" + malformed);
            assertThat(refused.statusCode()).as(malformed).isEqualTo(400);
            assertThat(KioskRig.json(refused).path("message").asText()).contains("action");
        }
    }

    @Test
    void aWipedDatabaseForgetsItsActionsButTheHubsAnswerStillCounts() throws Exception {
        rig.linkUp.set(true);
        String issued = KioskRig.json(rig.post("/kiosk/v1/actions",
                "{\"type\":\"appointment-book\",\"slot\":\"s-42\",\"firstName\":\"Josiane\"}")).path("action").asText();
        String answered = KioskRig.json(rig.post("/kiosk/v1/actions",
                "{\"type\":\"appointment-book\",\"slot\":\"s-43\",\"firstName\":\"Josiane\"}")).path("action").asText();
        rig.close();
        rig = new KioskRig(dir.resolve("wiped"), MORNING).start();

        assertThat(rig.get("/kiosk/v1/actions/" + issued).statusCode()).isEqualTo(404);
        rig.feed.deliver(PlaceContentCodec.encode(ContentSamples.content(KioskRig.SITE, 2, MORNING, 0, null,
                ContentSamples.list(new PlaceContent.Answer(answered, "done", "K7M2QX", null)))));
        JsonNode fromTheHub = KioskRig.json(rig.get("/kiosk/v1/actions/" + answered));
        assertThat(fromTheHub.path("state").asText()).isEqualTo("done");
        assertThat(fromTheHub.path("code").asText()).isEqualTo("K7M2QX");
    }

    @Test
    void garbageIsAnswered400WithAReasonCountedAndTheApiGoesOn() throws Exception {
        rig.linkUp.set(true);
        List<HttpResponse<String>> refused = List.of(
                rig.post("/kiosk/v1/tickets", "{\"topic\":"),
                rig.post("/kiosk/v1/tickets", "[1,2]"),
                rig.post("/kiosk/v1/tickets", ""),
                rig.post("/kiosk/v1/tickets", "{\"topic\":\"caf\",\"name\":\"Josiane\"}"),
                rig.post("/kiosk/v1/tickets", "{\"topic\":\"loto\"}"),
                rig.post("/kiosk/v1/tickets", "{\"topic\":\"caf\",\"topic\":\"sante\"}"),
                rig.post("/kiosk/v1/tickets", "{\"topic\":\"" + "a".repeat(KioskApi.MAX_BODY) + "\"}"),
                rig.post("/kiosk/v1/actions", "{\"type\":\"ticket-taken\"}"),
                rig.post("/kiosk/v1/actions", "{\"type\":\"workshop-register\",\"workshop\":\"../x\"}"),
                rig.post("/kiosk/v1/actions", "{\"type\":\"appointment-book\",\"slot\":\"s-1\",\"firstName\":\""
                        + "x".repeat(41) + "\"}"),
                rig.post("/kiosk/v1/actions", "{\"type\":\"coworking-checkin\",\"read\":\"nope\",\"direction\":\"entry\"}"),
                rig.get("/kiosk/v1/actions/not-a-uuid"),
                rig.get("/kiosk/v1/badge-reads?after=-1"));

        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).as(response.request().uri().toString()).isEqualTo(400);
            assertThat(KioskRig.json(response).path("message").asText()).startsWith("Requête invalide");
        }
        assertThat(KioskRig.json(refused.get(3)).path("message").asText()).contains("name").contains("unknown field");
        assertThat(KioskRig.json(refused.get(6)).path("message").asText()).contains("16384");
        assertThat(rig.api.badRequests()).isEqualTo(refused.size());
        assertThat(rig.events("ticket-taken")).as("no ticket for garbage").isEmpty();
        assertThat(rig.post("/kiosk/v1/tickets", "{\"topic\":\"caf\"}").statusCode()).isEqualTo(201);
        assertThat(rig.get("/kiosk/v1/nowhere").statusCode()).isEqualTo(404);
    }
}
