package fr.relais.hub.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.ApiClient;
import fr.relais.hub.FakeNode;
import fr.relais.hub.HubUnderTest;
import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.hub.telemetry.RetentionSettings;
import fr.relais.protocol.Command;
import fr.relais.protocol.Health;
import fr.relais.protocol.Presence;
import fr.relais.protocol.ReplyStatus;
import fr.relais.protocol.Topic;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code GET /api/live} on a real hub, broker and database: what nodes publish, alerts and
 * commands arrive as events; a dropped stream resumes without loss or duplicate; what cannot be
 * resumed gets a reset; a viewer gets its own site's events only; a logout ends the stream.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class LiveRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String OTHER_SITE = "montcornet";
    private static final String OTHER_NODE = "montcornet-pi";
    private static final String PASSWORD = "a-long-enough-password";

    @Parameter
    TestDatabase.Kind kind;

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    private TestDatabase database;
    private HubUnderTest hub;
    private ApiClient admin;
    private MosquittoProcess broker;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private long seq = 10;

    @BeforeEach
    void start(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        this.broker = broker;
        database = TestDatabase.create(kind, dir);
        // Evaluated once an hour by the clock: an alert seen within the test comes from the wake-up
        // that a batch with a new health gives the evaluation.
        Path rules = Files.writeString(dir.resolve("alert-rules.yaml"), "evaluationSeconds: 3600\n");
        hub = HubUnderTest.start(broker.url(), new HubConfig("127.0.0.1", 0, database.url(),
                new MqttSettings(broker.url(), "hub-under-test", Optional.empty(), Optional.empty()),
                Optional.of(rules), Duration.ofSeconds(120), RetentionSettings.DEFAULT, ApiClient.AUTH));
        admin = hub.api();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : closing) {
            resource.close();
        }
        hub.close();
        database.close();
    }

    private int port() {
        return hub.hub().httpPort();
    }

    /** A stream with this client's session, from its position frame on. */
    private SseClient stream(ApiClient client, String... more) throws Exception {
        List<String> headers = new ArrayList<>(List.of("cookie", client.cookie().orElseThrow()));
        headers.addAll(List.of(more));
        return stream("/api/live", headers.toArray(String[]::new));
    }

    private SseClient stream(String path, String... headers) throws Exception {
        SseClient client = SseClient.open(port(), path, headers);
        closing.add(client);
        assertThat(client.status()).isEqualTo(200);
        assertThat(client.response().headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        assertThat(client.response().headers().firstValue("x-accel-buffering")).hasValue("no");
        SseClient.Frame position = client.next(frame -> frame.id() != null && frame.type() == null);
        assertThat(position.id()).matches("[0-9a-f]+-[0-9]+");
        return client;
    }

    private void announce() throws Exception {
        hub.publish(Topic.Kind.STATE, Messages.state(Presence.ONLINE, 1));
        hub.publish(Topic.Kind.BIRTH, Messages.birth(seq++, 1, "printer-1"));
    }

    private JsonNode paperOut() throws Exception {
        long number = seq++;
        hub.publish(Topic.Kind.EVENT, Messages.event(number, "printer-1"));
        return JSON.valueToTree(Map.of("agentTs", Messages.TS.plusSeconds(number).toString()));
    }

    @Test
    void withoutCredentialsItIs401AndAnUnknownParameterIs400() throws Exception {
        HttpResponse<String> anonymous = ApiClient.anonymous(port()).get("/api/live");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).path("error").asText()).contains("authentication required");
        HttpResponse<String> unknown = admin.get("/api/live?since=yesterday");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).path("error").asText()).startsWith("since: unknown parameter");
    }

    @Test
    void whatANodePublishesArrivesAsNodeDeviceAndEventEvents() throws Exception {
        SseClient live = stream(admin);
        announce();
        JsonNode online = live.next("node").json();
        assertThat(online.path("site").asText()).isEqualTo(Messages.SITE);
        assertThat(online.path("node").asText()).isEqualTo(Messages.NODE);
        assertThat(online.path("state").asText()).isEqualTo("online");
        long number = seq++;
        hub.publish(Topic.Kind.TELEMETRY, Messages.telemetry(number, "printer-1", Health.OK, 80));
        JsonNode device = live.next("device").json();
        assertThat(device.path("site").asText()).isEqualTo(Messages.SITE);
        assertThat(device.path("node").asText()).isEqualTo(Messages.NODE);
        assertThat(device.path("device").asText()).isEqualTo("printer-1");
        assertThat(device.path("health").asText()).isEqualTo("ok");
        assertThat(device.path("metrics").path("tonerPercent").asLong()).isEqualTo(80);
        assertThat(device.path("agentTs").asText()).isEqualTo(Messages.TS.plusSeconds(number).toString());
        assertThat(device.path("receivedAt").asText()).isEqualTo(device.path("lastSeen").asText());
        JsonNode sent = paperOut();
        JsonNode event = live.next("event").json();
        assertThat(event.path("type").asText()).isEqualTo("paper-out");
        assertThat(event.path("device").asText()).isEqualTo("printer-1");
        assertThat(event.path("agentTs").asText()).isEqualTo(sent.path("agentTs").asText());
    }

    @Test
    void anAlertArrivesWhenItOpensAndWhenItIsAcknowledged() throws Exception {
        SseClient live = stream(admin);
        announce();
        hub.publish(Topic.Kind.TELEMETRY, Messages.telemetry(seq++, "printer-1", Health.WARNING, 6));
        JsonNode opened = live.next(frame -> "alert".equals(frame.type())
                && frame.json().path("rule").asText().equals("printer-toner-low")).json();
        assertThat(opened.path("change").asText()).isEqualTo("opened");
        assertThat(opened.path("state").asText()).isEqualTo("open");
        assertThat(opened.path("site").asText()).isEqualTo(Messages.SITE);
        String id = opened.path("id").asText();
        assertThat(admin.json("/api/alerts/" + id).path("rule").asText()).isEqualTo("printer-toner-low");

        assertThat(admin.send("POST", "/api/alerts/" + id + "/ack", "{\"comment\":\"j'y vais\"}").statusCode())
                .isEqualTo(200);
        JsonNode acknowledged = live.next(frame -> "alert".equals(frame.type())
                && frame.json().path("id").asText().equals(id)).json();
        assertThat(acknowledged.path("change").asText()).isEqualTo("acknowledged");
        assertThat(acknowledged.path("acknowledgedBy").asText()).isEqualTo("admin");
        JsonNode shown = admin.json("/api/alerts/" + id);
        ((com.fasterxml.jackson.databind.node.ObjectNode) acknowledged).remove("change");
        assertThat(acknowledged).as("as /api/alerts shows it").isEqualTo(shown);
    }

    @Test
    void aCommandArrivesAtEachStepUntilItsReply() throws Exception {
        FakeNode node = new FakeNode(broker.url(), Messages.SITE, Messages.NODE);
        closing.add(node);
        node.announce();
        await().atMost(PATIENCE).until(() -> admin.json("/api/nodes").findValuesAsText("id").contains(Messages.NODE));
        SseClient live = stream(admin);
        HttpResponse<String> created = admin.send("POST", "/api/nodes/" + Messages.NODE + "/commands",
                "{\"name\":\"ping\"}");
        assertThat(created.statusCode()).isEqualTo(202);
        String id = JSON.readTree(created.body()).path("id").asText();
        Command received = node.nextCommand();
        node.reply(received, ReplyStatus.ACCEPTED, "", Map.of());
        node.reply(received, ReplyStatus.OK, "", Map.of("latencyMs", 12L));
        JsonNode succeeded = live.next(frame -> "command".equals(frame.type())
                && frame.json().path("status").asText().equals("succeeded")).json();
        assertThat(succeeded).as("as /api/commands/{id} shows it").isEqualTo(admin.json("/api/commands/" + id));
        List<String> steps = live.events().stream().filter(frame -> "command".equals(frame.type()))
                .map(frame -> frame.json().path("status").asText()).toList();
        List<String> order = List.of("pending", "sent", "delivered", "succeeded");
        assertThat(steps).as("never back: %s", steps).isSortedAccordingTo(
                java.util.Comparator.comparingInt(order::indexOf));
        assertThat(steps).doesNotContain("failed", "timed-out");
    }

    @Test
    void aDroppedStreamResumesFromItsLastIdWithoutLossOrDuplicate() throws Exception {
        announce();
        SseClient first = stream(admin);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(paperOut().path("agentTs").asText());
        }
        List<SseClient.Frame> before = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            before.add(first.next("event"));
        }
        first.close();
        for (int i = 0; i < 3; i++) {
            sent.add(paperOut().path("agentTs").asText());
        }
        // while it was away, the events were stored: the ring has them
        await().atMost(PATIENCE).until(() -> admin.json("/api/ingest").path("stored").path("events").asLong() == 6);
        String lastId = before.get(before.size() - 1).id();
        SseClient second = stream(admin, "Last-Event-ID", lastId);
        sent.add(paperOut().path("agentTs").asText());
        List<SseClient.Frame> after = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            after.add(second.next("event"));
        }
        List<String> received = new ArrayList<>();
        before.forEach(frame -> received.add(frame.json().path("agentTs").asText()));
        after.forEach(frame -> received.add(frame.json().path("agentTs").asText()));
        assertThat(received).as("every event once, in order").containsExactlyElementsOf(sent);
        assertThat(second.events()).noneMatch(frame -> "reset".equals(frame.type()));
        assertThat(after.get(0).id()).isNotEqualTo(lastId);
    }

    @Test
    void anotherBootsIdOrGarbageGetsAResetFirstNotAnError() throws Exception {
        announce();
        String boot = stream(admin).frames().get(0).id().split("-")[0];
        String other = boot.equals("abcdef") ? "fedcba" : "abcdef";
        SseClient unknownBoot = stream(admin, "Last-Event-ID", other + "-1");
        SseClient.Frame reset = unknownBoot.next(frame -> frame.type() != null);
        assertThat(reset.type()).isEqualTo("reset");
        assertThat(reset.json().path("reason").asText()).contains("another start of the hub");
        assertThat(reset.id()).startsWith(boot + "-");

        String garbage = URLEncoder.encode("n'importe quoi <>", StandardCharsets.UTF_8);
        SseClient garbled = stream("/api/live?lastEventId=" + garbage, "cookie", admin.cookie().orElseThrow());
        SseClient.Frame second = garbled.next(frame -> frame.type() != null);
        assertThat(second.type()).isEqualTo("reset");
        assertThat(second.json().path("reason").asText()).contains("not an id of this channel");
        paperOut();
        assertThat(garbled.next(frame -> frame.type() != null).type()).as("the stream goes on").isEqualTo("event");
    }

    @Test
    void aViewerGetsNoneOfAnotherSitesEvents() throws Exception {
        FakeNode montcornet = new FakeNode(broker.url(), OTHER_SITE, OTHER_NODE);
        closing.add(montcornet);
        montcornet.announce();
        await().atMost(PATIENCE).until(() -> admin.json("/api/nodes").findValuesAsText("id").contains(OTHER_NODE));
        assertThat(admin.send("POST", "/api/accounts", "{\"username\":\"maire-montcornet\",\"password\":\""
                + PASSWORD + "\",\"role\":\"viewer\",\"site\":\"" + OTHER_SITE + "\"}").statusCode()).isEqualTo(201);
        ApiClient viewer = ApiClient.login(port(), "maire-montcornet", PASSWORD);
        SseClient viewerLive = stream(viewer);
        SseClient adminLive = stream(admin);
        announce();
        paperOut();
        adminLive.next("event");
        montcornet.announce();
        JsonNode own = viewerLive.next("node").json();
        assertThat(own.path("site").asText()).isEqualTo(OTHER_SITE);
        assertThat(adminLive.next(frame -> "node".equals(frame.type())
                && frame.json().path("site").asText().equals(OTHER_SITE))).isNotNull();
        assertThat(viewerLive.events()).as("the viewer's stream").isNotEmpty()
                .allSatisfy(frame -> assertThat(frame.json().path("site").asText()).isEqualTo(OTHER_SITE));
    }

    @Test
    void aLogoutEndsTheStreamWithALogoutEvent() throws Exception {
        ApiClient session = ApiClient.admin(port());
        SseClient live = stream(session);
        SseClient other = stream(admin);
        assertThat(session.send("POST", "/api/logout", null).statusCode()).isEqualTo(204);
        SseClient.Frame logout = live.next(frame -> frame.type() != null);
        assertThat(logout.type()).isEqualTo("logout");
        assertThat(logout.json().path("reason").asText()).isEqualTo("logged out");
        live.awaitEnd();
        announce();
        assertThat(other.next("node")).as("another session's stream goes on").isNotNull();
        assertThat(SseClient.open(port(), "/api/live", "cookie", session.cookie().orElseThrow()).status())
                .as("the ended session cannot open another").isEqualTo(401);
    }
}
