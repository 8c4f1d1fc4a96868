package fr.relais.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.agent.EdgeAgent;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.broker.MosquittoProcess;
import fr.relais.hub.Hub;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.provisioning.ProvisionMain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What provisioning renders, run for real: mosquitto on the rendered production configuration,
 * the hub with its rendered credentials on the loopback listener, and an edge agent with its
 * rendered agent.yaml over TLS with the deployment's CA. The ACL must allow exactly what an
 * agent does (Last Will, retained state, birth, telemetry, its commands, its replies, the hub's
 * state): a command round trip proves both directions.
 */
class ProvisionedDeploymentIT {
    private static final String NODE = "rozoy-pi";

    @Test
    void anAgentWithItsRenderedConfigurationReachesTheHubOverTlsAndAnswersACommand(@TempDir Path dir)
            throws Exception {
        // Mosquitto reads the rendered files as its own user once it has dropped root.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        int[] ports = MosquittoProcess.freePorts(2);
        int tlsPort = ports[0];
        int localPort = ports[1];
        Path inventory = dir.resolve("territoire.yaml");
        Files.writeString(inventory, Files.readString(Repository.root().resolve("provisioning/examples/territoire.yaml"))
                .replace("tlsPort: 8883", "tlsPort: " + tlsPort)
                .replace("localPort: 1884", "localPort: " + localPort)
                .replace("host: relais.portes-thierache.example",
                        "host: relais.portes-thierache.example\n  extraNames: [localhost]"));
        Path deployment = dir.resolve("deployment");
        // Simulated devices: this test is about the broker, the ACL and TLS, and the machine running it
        // has none of the places' printers, GPIO pins or badge readers.
        assertThat(ProvisionMain.commandLine().execute("render", "--simulated", "--inventory", inventory.toString(),
                "--out", deployment.toString())).isZero();

        // The Pi's name for the broker does not resolve here: the same file, pointed at localhost.
        Path nodeDir = deployment.resolve("nodes").resolve(NODE);
        Path config = nodeDir.resolve("agent-here.yaml");
        Files.writeString(config, Files.readString(nodeDir.resolve("agent.yaml"), StandardCharsets.UTF_8)
                .replace("relais.portes-thierache.example", "localhost")
                .replace("/var/lib/relais/agent.db", dir.resolve("agent.db").toString()));
        String hubPassword = Files.readAllLines(deployment.resolve("hub/hub.env")).stream()
                .filter(line -> line.startsWith("RELAIS_HUB_MQTT_PASSWORD="))
                .map(line -> line.substring(line.indexOf('=') + 1)).findFirst().orElseThrow();

        try (MosquittoProcess broker = MosquittoProcess.startWithConfig(deployment.resolve("broker/mosquitto.conf"),
                dir.resolve("broker-run"), localPort);
             Hub hub = Hub.start(new HubConfig("127.0.0.1", 0, Database.sqliteUrl(dir.resolve("hub.db")),
                     new MqttSettings("tcp://127.0.0.1:" + localPort, "relais-hub", Optional.of("relais-hub"),
                             Optional.of(hubPassword)), HubApi.AUTH));
             EdgeAgent agent = EdgeAgent.start(new ConfigLoader().load(config), "system-test")) {
            HubApi api = new HubApi(hub.httpPort());
            await().atMost(Duration.ofSeconds(30)).until(() -> api.node(NODE)
                    .map(node -> node.path("online").asBoolean()).orElse(false));
            long before = api.storedTelemetry();
            await().atMost(Duration.ofSeconds(30)).until(() -> api.storedTelemetry() > before);

            HubApi.Answer sent = api.post("/api/nodes/" + NODE + "/commands", "{\"name\": \"ping\"}");
            assertThat(sent.status()).as(sent.body().toString()).isEqualTo(202);
            String id = sent.body().path("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/commands/" + id).path("status").asText()
                    .equals("succeeded"));
            JsonNode ingest = api.get("/api/ingest").path("sinceStart");
            assertThat(ingest.path("deadLetters").asLong()).isZero();
            assertThat(broker.log()).contains("u'" + NODE + ".1'").doesNotContain("denied");
        }
    }
}
