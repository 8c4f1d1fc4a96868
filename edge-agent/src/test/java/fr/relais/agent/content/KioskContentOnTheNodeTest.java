package fr.relais.agent.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.agent.EdgeAgent;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.device.DriverRegistry;
import fr.relais.agent.uplink.NodeWatcher;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.protocol.HubState;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Topic;
import fr.relais.protocol.content.PlaceContentCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The content inbox end to end: a real Mosquitto, the agent in-process with its configuration in a
 * file, a Paho client playing the hub (retained content and hub state), the kiosk reading the link
 * file and asking the API over HTTP.
 */
class KioskContentOnTheNodeTest {
    static final String SITE = "montcornet";
    static final String NODE = "montcornet-pi";
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();
    @TempDir
    Path dir;
    NodeWatcher hub;
    EdgeAgent agent;
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    void startAgent(String brokerUrl, String kioskApi) throws Exception {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, """
                node: %s
                site: {id: %s, name: "Tiers-lieu de Montcornet", kind: mediation}
                broker: {url: "%s", reconnectMinMillis: 100, reconnectMaxMillis: 500}
                storage: {file: agent.db}
                clock: {source: always-synced}
                devices:
                  - {id: borne, kind: kiosk, name: Borne, driver: simulated}
                %s
                """.formatted(NODE, SITE, brokerUrl, kioskApi));
        NodeConfig config = new ConfigLoader(Map.of()).load(file);
        agent = EdgeAgent.start(config, Optional.of(file), "test", DriverRegistry.standard());
    }

    JsonNode kiosk(String path) throws Exception {
        JsonNode link = JSON.readTree(dir.resolve("kiosk-link.json").toFile());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(link.path("url").asText() + path))
                .header("Authorization", "Bearer " + link.path("token").asText()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    ContentFeed feed() {
        return agent.kiosk().orElseThrow().feed();
    }

    @Test
    void retainedContentArrivesOnSubscribeGarbageAndOldVersionsAreRefusedAndTheContentSurvivesARestart(
            MosquittoProcess broker) throws Exception {
        hub = new NodeWatcher(broker.url(), SITE, NODE);
        String content = Topic.content(SITE, NODE).path();
        hub.publishRetained(content, PlaceContentCodec.encode(ContentSamples.content(SITE, 100)));
        startAgent(broker.url(), "kioskApi: {port: 0, linkFile: kiosk-link.json}");

        await().atMost(PATIENCE).until(() -> feed().current().map(HeldContent::version).orElse(0L) == 100L);
        assertThat(kiosk("/kiosk/v1/content").path("content").path("version").asLong()).isEqualTo(100);
        assertThat(kiosk("/kiosk/v1/status").path("link").asText()).as("no word from the hub yet").isEqualTo("down");

        hub.publishRetained(Topic.HUB_STATE, new MessageCodec().encode(new HubState(Presence.ONLINE, "s1",
                Instant.now())));
        await().atMost(PATIENCE).until(() -> kiosk("/kiosk/v1/status").path("link").asText().equals("up"));

        hub.publishRetained(content, "{\"v\":1,\"site\":".getBytes(StandardCharsets.UTF_8));
        await().atMost(PATIENCE).until(() -> feed().refusedInvalid() == 1);
        hub.publishRetained(content, PlaceContentCodec.encode(ContentSamples.content(SITE, 50)));
        await().atMost(PATIENCE).until(() -> feed().refusedOld() == 1);
        hub.publishRetained(content, PlaceContentCodec.encode(ContentSamples.content("rozoy", 300)));
        await().atMost(PATIENCE).until(() -> feed().refusedInvalid() == 2);
        assertThat(feed().lastRefusal()).contains("rozoy");
        assertThat(feed().current().orElseThrow().version()).as("the old content is kept").isEqualTo(100);

        agent.close();
        agent = null;
        startAgent("tcp://127.0.0.1:1", "kioskApi: {port: 0, linkFile: kiosk-link.json}");
        JsonNode status = kiosk("/kiosk/v1/status");
        assertThat(status.path("contentVersion").asLong()).as("from the SQLite file").isEqualTo(100);
        assertThat(status.path("link").asText()).isEqualTo("down");
        assertThat(status.path("refreshedAt").asText()).isNotEmpty();
    }

    @Test
    void withoutTheBlockANodeWithAKioskChangesNothing(MosquittoProcess broker) throws Exception {
        startAgent(broker.url(), "");
        assertThat(agent.kiosk()).isEmpty();
        assertThat(dir.resolve("kiosk-link.json")).doesNotExist();
    }
}
