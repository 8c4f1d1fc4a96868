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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Garbage on a node's topics while the node is reporting: every piece is counted and kept with
 * its reason, and the node's own telemetry keeps being stored.
 */
class MalformedInputIT {
    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    private static final String PREFIX = "relais/v1/" + NodeFixture.SITE + "/" + NodeFixture.NODE;
    private static final List<String> GARBAGE = List.of(
            "", "null", "[]", "{", "{\"schema\":1}", "{\"schema\":99}", "\u00ff\u00fe binary",
            "{\"schema\":1,\"msgId\":\"0190f5c2-7a2b-7cde-8f00-000000000001\",\"seq\":-5,"
                    + "\"ts\":\"2026-11-28T09:00:00Z\",\"clock\":\"synced\",\"health\":\"ok\"}");

    @Test
    void garbageIsCountedKeptAndIngestionGoesOn(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        try (Hub hub = Hub.start(new HubConfig("127.0.0.1", 0, Database.sqliteUrl(dir.resolve("hub.db")),
                new MqttSettings(broker.url(), "relais-hub", Optional.empty(), Optional.empty()), HubApi.AUTH));
             EdgeAgent agent = EdgeAgent.start(new ConfigLoader().load(
                     NodeFixture.write(dir.resolve("node"), broker.url())), "system-test")) {
            HubApi api = new HubApi(hub.httpPort());
            await().atMost(Duration.ofSeconds(30)).until(() -> api.storedTelemetry() > 0);

            MqttClient rogue = new MqttClient(broker.url(), "rogue", new MemoryPersistence());
            rogue.connect();
            for (String payload : GARBAGE) {
                rogue.publish(PREFIX + "/telemetry", payload.getBytes(StandardCharsets.ISO_8859_1), 1, false);
            }
            rogue.publish(PREFIX + "/birth", "{\"schema\":1}".getBytes(StandardCharsets.UTF_8), 1, false);
            rogue.publish("relais/v1/UPPER/case/event", "{}".getBytes(StandardCharsets.UTF_8), 1, false);
            rogue.disconnect();
            rogue.close();
            int expected = GARBAGE.size() + 2;

            await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters(api) == expected);
            long afterGarbage = api.storedTelemetry();
            await().atMost(Duration.ofSeconds(20)).until(() -> api.storedTelemetry() >= afterGarbage + 8);

            JsonNode letters = api.get("/api/dead-letters");
            assertThat(letters).hasSize(expected);
            assertThat(letters.findValuesAsText("reason")).allSatisfy(reason -> assertThat(reason).isNotBlank())
                    .anySatisfy(reason -> assertThat(reason).contains("unsupported schema version 99"))
                    .anySatisfy(reason -> assertThat(reason).contains("must be >= 0"));
            assertThat(letters.findValuesAsText("field")).contains("payload", "seq", "msgId", "topic");
            assertThat(api.node(NodeFixture.NODE).orElseThrow().path("online").asBoolean()).isTrue();
        }
    }

    private static long deadLetters(HubApi api) {
        return api.poll("/api/ingest").map(ingest -> ingest.path("stored").path("deadLetters").asLong()).orElse(-1L);
    }
}
