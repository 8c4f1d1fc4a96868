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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A technician's command goes from the hub's API to a node and its outcome comes back. */
class RemoteCommandIT {
    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    @Test
    void commandsAreExecutedOnTheNodeAndFollowedToTheirEnd(MosquittoProcess broker, @TempDir Path dir)
            throws Exception {
        Path restarts = dir.resolve("kiosk-restarts.txt");
        Path config = NodeFixture.write(dir.resolve("node"), broker.url());
        Files.writeString(config, Files.readString(config) + "commands:\n  restartKiosk: [sh, -c, \"echo restarted >> "
                + restarts + "\"]\n", StandardCharsets.UTF_8);
        try (Hub hub = Hub.start(new HubConfig("127.0.0.1", 0, Database.sqliteUrl(dir.resolve("hub.db")),
                new MqttSettings(broker.url(), "relais-hub", Optional.empty(), Optional.empty()), HubApi.AUTH))) {
            HubApi api = new HubApi(hub.httpPort());
            EdgeAgent agent = EdgeAgent.start(new ConfigLoader().load(config), Optional.of(config), "system-test");
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> api.node(NodeFixture.NODE)
                        .map(node -> node.path("online").asBoolean()).orElse(false));

                JsonNode ping = finished(api, send(api, "{\"name\": \"ping\"}"));
                assertThat(ping.path("status").asText()).isEqualTo("succeeded");
                assertThat(ping.path("deliveredAt").isTextual()).as("the node said it received it").isTrue();
                assertThat(ping.path("result").path("pong").asBoolean()).isTrue();
                assertThat(ping.path("result").path("node").asText()).isEqualTo(NodeFixture.NODE);

                JsonNode restart = finished(api, send(api, "{\"name\": \"restart-kiosk\"}"));
                assertThat(restart.path("status").asText()).isEqualTo("succeeded");
                assertThat(Files.readAllLines(restarts)).containsExactly("restarted");

                JsonNode reboot = finished(api, send(api, "{\"name\": \"reboot\"}"));
                assertThat(reboot.path("status").asText()).isEqualTo("failed");
                assertThat(reboot.path("replyStatus").asText()).isEqualTo("rejected");
                assertThat(reboot.path("reason").asText()).contains("commands.reboot");
            } finally {
                agent.close();
            }

            // The node is away: the command times out at the hub, and when the node comes back
            // the broker delivers it, the node refuses it as expired, and the hub records that.
            await().atMost(Duration.ofSeconds(30)).until(() -> api.node(NodeFixture.NODE)
                    .map(node -> !node.path("online").asBoolean()).orElse(false));
            String late = send(api, "{\"name\": \"restart-kiosk\", \"timeoutSeconds\": 1}");
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/commands/" + late).path("status")
                    .asText().equals("timed-out"));
            try (EdgeAgent back = EdgeAgent.start(new ConfigLoader().load(config), Optional.of(config), "system-test")) {
                JsonNode expired = finished(api, late);
                assertThat(expired.path("status").asText()).isEqualTo("failed");
                assertThat(expired.path("reason").asText()).contains("expired");
                assertThat(Files.readAllLines(restarts)).as("an expired command never runs").hasSize(1);
            }
        }
    }

    private static String send(HubApi api, String body) throws Exception {
        HubApi.Answer answer = api.post("/api/nodes/" + NodeFixture.NODE + "/commands", body);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
        return answer.body().path("id").asText();
    }

    private static JsonNode finished(HubApi api, String id) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String status = api.get("/api/commands/" + id).path("status").asText();
            return status.equals("succeeded") || status.equals("failed");
        });
        return api.get("/api/commands/" + id);
    }
}
