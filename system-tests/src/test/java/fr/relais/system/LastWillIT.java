package fr.relais.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.Hub;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.MqttSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent process killed without warning (as by a power cut): the broker publishes its Last
 * Will and the hub shows the node offline; when it comes back it is online with a new bdSeq.
 */
class LastWillIT {
    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    @Test
    void aKilledAgentGoesOfflineThroughItsLastWill(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        Path config = NodeFixture.write(dir.resolve("node"), broker.url());
        try (Hub hub = Hub.start(new HubConfig("127.0.0.1", 0, Database.sqliteUrl(dir.resolve("hub.db")),
                new MqttSettings(broker.url(), "relais-hub", Optional.empty(), Optional.empty()), HubApi.AUTH))) {
            HubApi api = new HubApi(hub.httpPort());
            Process agent = startAgent(config, dir.resolve("agent-1.log"));
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> isOnline(api));
                long firstBdSeq = api.node(NodeFixture.NODE).orElseThrow().path("bdSeq").asLong();

                agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no goodbye
                await().atMost(Duration.ofSeconds(30)).until(() -> api.node(NodeFixture.NODE)
                        .map(node -> node.path("state").asText().equals("lost")).orElse(false));
                assertThat(api.node(NodeFixture.NODE).orElseThrow().path("online").asBoolean()).isFalse();

                agent = startAgent(config, dir.resolve("agent-2.log"));
                await().atMost(Duration.ofSeconds(60)).until(() -> isOnline(api));
                assertThat(api.node(NodeFixture.NODE).orElseThrow().path("bdSeq").asLong()).isGreaterThan(firstBdSeq);
            } finally {
                agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static boolean isOnline(HubApi api) {
        return api.node(NodeFixture.NODE).map(node -> node.path("online").asBoolean()).orElse(false);
    }

    private static Process startAgent(Path config, Path log) throws Exception {
        return new ProcessBuilder(Repository.javaBinary().toString(), "-jar",
                Repository.jar("edge-agent", "relais-agent.jar").toString(), "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }
}
