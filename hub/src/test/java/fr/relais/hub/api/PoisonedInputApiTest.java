package fr.relais.hub.api;

import static fr.relais.hub.Messages.NODE;
import static fr.relais.hub.Messages.SITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.ApiClient;
import fr.relais.hub.HubUnderTest;
import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.protocol.Birth;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Event;
import fr.relais.protocol.Health;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Severity;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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
 * Issue 9, point 4, through the real path: a real Mosquitto, the hub's ingestion, its API and
 * /metrics. A billion-ahead sequence number, a retained garbage state met again at each start of
 * the hub, and dead letters retried by an administrator.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class PoisonedInputApiTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Parameter
    TestDatabase.Kind kind;

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    private final MessageCodec codec = new MessageCodec();
    private TestDatabase testDatabase;
    private HubUnderTest hub;
    private MosquittoProcess broker;

    @BeforeEach
    void start(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        this.broker = broker;
        testDatabase = TestDatabase.create(kind, dir);
        hub = HubUnderTest.start(broker.url(), testDatabase.url());
    }

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        testDatabase.close();
    }

    private ApiClient api() {
        return hub.api();
    }

    private JsonNode node() throws Exception {
        return api().json("/api/nodes").get(0);
    }

    private JsonNode deadLetters() throws Exception {
        return api().json("/api/dead-letters");
    }

    private Map<String, Double> metrics() throws Exception {
        HttpResponse<String> response = api().get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : response.body().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    private void reading(long seq) throws Exception {
        hub.publish(Topic.Kind.TELEMETRY, new Telemetry(new Envelope(MessageIds.next(), seq, Messages.TS,
                ClockConfidence.SYNCED), Optional.of("printer-1"), Health.OK, Map.of("tonerPercent", seq % 100)));
    }

    @Test
    void aBillionAheadIsANewNumberingNotABillionLostMessages() throws Exception {
        hub.publish(Topic.Kind.BIRTH, Messages.birth(0, 1, "printer-1"));
        for (long seq = 1; seq <= 3; seq++) {
            reading(seq);
        }
        reading(999_999_999);
        reading(4);
        reading(6);
        await().atMost(PATIENCE).until(() -> api().json("/api/ingest").path("stored").path("telemetry").asLong() == 6);
        assertThat(node().path("seqGaps").asLong()).as("5 is missing, nothing else").isEqualTo(1);
        assertThat(node().path("seqResets").asLong()).isEqualTo(2);
        Map<String, Double> metrics = metrics();
        assertThat(metrics.get("relais_sequence_gaps")).isEqualTo(1);
        assertThat(metrics.get("relais_sequence_resets_total")).isEqualTo(2);
        System.out.println("seq 999 999 999 after 3 -> seqGaps " + node().path("seqGaps") + ", seqResets "
                + node().path("seqResets"));
    }

    @Test
    void aRetainedGarbageStateIsOneDeadLetterHoweverOftenTheHubSubscribes() throws Exception {
        String state = Topic.of(Topic.Kind.STATE, SITE, NODE).path();
        hub.node().publish(state, "online, I promise".getBytes(StandardCharsets.UTF_8), 1, true);
        await().atMost(PATIENCE).until(() -> deadLetters().size() == 1);
        for (int restart = 1; restart <= 2; restart++) {
            hub.close();
            hub = null;
            hub = HubUnderTest.start(broker.url(), testDatabase.url());
            int expected = restart + 1;
            await().atMost(PATIENCE).until(() -> deadLetters().get(0).path("occurrences").asLong() == expected);
        }
        assertThat(deadLetters()).hasSize(1);
        assertThat(api().json("/api/ingest").path("stored").path("deadLetters").asLong()).isEqualTo(1);
        assertThat(metrics().get("relais_dead_letters_repeats_total")).as("this hub met it once, again").isEqualTo(1);
        assertThat(metrics().get("relais_ingest_dead_letters_total")).as("not a new dead letter").isZero();
        hub.node().publish(state, new byte[0], 1, true); // clears the retained message
    }

    @Test
    void anAdministratorRetriesDeadLettersOnceTheirCauseIsFixed() throws Exception {
        hub.publish(Topic.Kind.STATE, Messages.state(Presence.ONLINE, 1));
        hub.publish(Topic.Kind.BIRTH, Messages.birth(0, 1, "printer-1"));
        Telemetry misplaced = Messages.telemetry(1, "printer-1", Health.OK, 50);
        hub.node().publish(Topic.of(Topic.Kind.TELEMETRY, "montcornet", NODE).path(), codec.encode(misplaced), 1,
                false);
        hub.publish(Topic.Kind.TELEMETRY, "{\"schema\":1,".getBytes(StandardCharsets.UTF_8));
        await().atMost(PATIENCE).until(() -> deadLetters().size() == 2);
        String moved = find("belongs to site");
        String garbage = find("JSON");

        assertThat(api().send("POST", "/api/accounts", "{\"username\":\"lea\",\"password\":\"technicienne-2026\","
                + "\"role\":\"technician\"}").statusCode()).isEqualTo(201);
        ApiClient technician = ApiClient.login(hub.hub().httpPort(), "lea", "technicienne-2026");
        assertThat(technician.send("POST", "/api/dead-letters/" + moved + "/retry", null).statusCode())
                .as("administrators only").isEqualTo(403);

        JsonNode early = retry(moved);
        assertThat(early.path("outcome").asText()).isEqualTo("refused");
        assertThat(early.path("reason").asText()).contains("belongs to site dizy-le-gros");
        assertThat(deadLetters()).as("still there, once").hasSize(2);

        // The cause fixed: the Pi now belongs to montcornet (its birth there moves it).
        hub.node().publish(Topic.of(Topic.Kind.BIRTH, "montcornet", NODE).path(),
                codec.encode(Messages.birth(5, 2, "printer-1")), 1, false);
        await().atMost(PATIENCE).until(() -> node().path("site").asText().equals("montcornet"));
        JsonNode stored = retry(moved);
        assertThat(stored.path("outcome").asText()).isEqualTo("stored");
        assertThat(api().json("/api/ingest").path("stored").path("telemetry").asLong()).isEqualTo(1);
        assertThat(api().json("/api/devices").get(0).path("metrics").path("tonerPercent").asLong()).isEqualTo(50);
        assertThat(api().send("POST", "/api/dead-letters/" + moved + "/retry", null).statusCode())
                .as("gone once stored").isEqualTo(404);

        HttpResponse<String> bulk = api().send("POST", "/api/dead-letters/retry", "{\"node\":\"" + NODE + "\"}");
        assertThat(bulk.statusCode()).isEqualTo(200);
        JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bulk.body());
        assertThat(summary.path("outcomes").path("refused").asLong()).isEqualTo(1);
        assertThat(summary.path("results").get(0).path("id").asText()).isEqualTo(garbage);
        assertThat(deadLetters()).as("the garbage stays, once").hasSize(1);
        HttpResponse<String> unknown = api().send("POST", "/api/dead-letters/retry",
                "{\"ids\":[\"" + MessageIds.next() + "\"]}");
        assertThat(unknown.body()).contains("\"not-found\":1");
        assertThat(api().send("POST", "/api/dead-letters/retry", "{\"idz\":[]}").statusCode()).isEqualTo(400);

        Map<String, Double> metrics = metrics();
        assertThat(metrics.get("relais_dead_letters_retried_total{outcome=\"stored\"}")).isEqualTo(1);
        assertThat(metrics.get("relais_dead_letters_retried_total{outcome=\"refused\"}")).isEqualTo(2);
        assertThat(api().json("/api/audit?limit=100").toString()).contains("dead letter " + moved + " retried",
                "dead letters retried (node " + NODE);
    }

    @Test
    void aBirthCannotRenameItsSiteAnAdministratorCan() throws Exception {
        hub.publish(Topic.Kind.BIRTH, Messages.birth(0, 1, "printer-1"));
        await().atMost(PATIENCE).until(() -> api().json("/api/sites").size() == 1);
        Birth renaming = new Birth(Messages.envelope(1), 2, new Birth.SiteInfo("Chez Mallory", SiteKind.COWORKING),
                new Birth.AgentInfo("1.1", "sha256:2"), List.of());
        hub.publish(Topic.Kind.BIRTH, renaming);
        await().atMost(PATIENCE).until(() -> node().path("agentVersion").asText().equals("1.1"));
        assertThat(api().json("/api/sites").get(0).path("name").asText())
                .isEqualTo("Tiers-lieu numérique de Dizy-le-Gros");
        assertThat(metrics().get("relais_site_renames_refused_total")).isEqualTo(1);

        assertThat(api().send("POST", "/api/accounts", "{\"username\":\"lea\",\"password\":\"technicienne-2026\","
                + "\"role\":\"technician\"}").statusCode()).isEqualTo(201);
        ApiClient technician = ApiClient.login(hub.hub().httpPort(), "lea", "technicienne-2026");
        String rename = "{\"name\":\"Tiers-lieu numérique de Dizy-le-Gros et de Morgny\"}";
        assertThat(technician.send("PATCH", "/api/sites/" + SITE, rename).statusCode()).isEqualTo(403);
        HttpResponse<String> renamed = api().send("PATCH", "/api/sites/" + SITE, rename);
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(api().json("/api/sites").get(0).path("name").asText())
                .isEqualTo("Tiers-lieu numérique de Dizy-le-Gros et de Morgny");
        assertThat(api().send("PATCH", "/api/sites/nowhere", rename).statusCode()).isEqualTo(404);
        assertThat(api().send("PATCH", "/api/sites/" + SITE, "{\"kind\":\"toaster\"}").statusCode()).isEqualTo(400);
        assertThat(api().json("/api/audit?limit=100").toString()).contains("site " + SITE + " named");
    }

    /**
     * An event's message with a NUL character is valid JSON and valid for the protocol, but
     * PostgreSQL refuses it in a text column: the message is refused for its content, and so is its retry, which is
     * answered instead of holding up the writer. SQLite stores it.
     */
    @Test
    void aRetryTheDatabaseKeepsRefusingIsAnsweredAndIngestionGoesOn() throws Exception {
        hub.publish(Topic.Kind.BIRTH, Messages.birth(0, 1, "printer-1"));
        hub.publish(Topic.Kind.EVENT, new Event(Messages.envelope(1), Optional.of("printer-1"), "paper-out",
                Severity.WARNING, "Plus de papier\u0000", Map.of()));
        if (kind == TestDatabase.Kind.SQLITE) {
            await().atMost(PATIENCE).until(() -> api().json("/api/ingest").path("stored").path("events")
                    .asLong() == 1);
            assertThat(deadLetters()).isEmpty();
            return;
        }
        await().atMost(PATIENCE).until(() -> deadLetters().size() == 1);
        String refused = deadLetters().get(0).path("id").asText();
        JsonNode again = retry(refused);
        assertThat(again.path("outcome").asText()).isEqualTo("refused");
        assertThat(again.path("reason").asText()).contains("the database refused what it holds");
        reading(2);
        await().atMost(PATIENCE).until(() -> api().json("/api/ingest").path("stored").path("telemetry").asLong() == 1);
        assertThat(deadLetters()).as("refused again, kept once").hasSize(1);
    }

    private String find(String reason) throws Exception {
        for (JsonNode letter : deadLetters()) {
            if (letter.path("reason").asText().contains(reason)) {
                return letter.path("id").asText();
            }
        }
        throw new AssertionError("no dead letter about " + reason + ": " + deadLetters());
    }

    private JsonNode retry(String id) throws Exception {
        HttpResponse<String> response = api().send("POST", "/api/dead-letters/" + id + "/retry", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    }
}
