package fr.relais.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.agent.EdgeAgent;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.Hub;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.MqttSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** One real path: an agent publishes through mosquitto, the hub stores, the API shows. */
class AgentToHubIT {
    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    @Test
    void whatAnAgentReportsReachesTheApi(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        try (Hub hub = Hub.start(new HubConfig("127.0.0.1", 0, Database.sqliteUrl(dir.resolve("hub.db")),
                new MqttSettings(broker.url(), "relais-hub", Optional.empty(), Optional.empty()), HubApi.AUTH));
             EdgeAgent agent = EdgeAgent.start(new ConfigLoader().load(
                     NodeFixture.write(dir.resolve("node"), broker.url())), "system-test")) {
            HubApi api = new HubApi(hub.httpPort());
            await().atMost(Duration.ofSeconds(30)).until(() -> devicesWithHealth(api).size() == 3);

            JsonNode site = api.get("/api/sites").path(0);
            assertThat(site.path("id").asText()).isEqualTo(NodeFixture.SITE);
            assertThat(site.path("kind").asText()).isEqualTo("coworking");
            assertThat(site.path("name").asText()).isEqualTo("Espace de coworking de la Praille");
            JsonNode node = api.node(NodeFixture.NODE).orElseThrow();
            assertThat(node.path("online").asBoolean()).isTrue();
            assertThat(node.path("agentVersion").asText()).isEqualTo("system-test");
            assertThat(node.path("seqGaps").asLong()).isZero();
            assertThat(devicesWithHealth(api)).containsExactlyInAnyOrder("badge-entree", "door-entree", "printer-1");

            long before = api.storedTelemetry();
            await().atMost(Duration.ofSeconds(20)).until(() -> api.storedTelemetry() >= before + 8);
            assertThat(api.get("/api/ingest").path("sinceStart").path("deadLetters").asLong()).isZero();
        }
    }

    private static List<String> devicesWithHealth(HubApi api) {
        List<String> ids = new ArrayList<>();
        api.poll("/api/devices").ifPresent(devices -> devices.forEach(device -> {
            if (!device.path("health").asText().equals("unknown") && device.path("lastSeen").isTextual()) {
                ids.add(device.path("id").asText());
            }
        }));
        return ids;
    }
}
