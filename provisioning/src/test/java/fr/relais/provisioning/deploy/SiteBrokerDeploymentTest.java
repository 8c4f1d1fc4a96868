package fr.relais.provisioning.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.TestMqttClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The van's rendered site broker, bridged with the node's own rendered credentials to the
 * rendered central broker: what the agent publishes on the Pi reaches the hub, the hub's
 * commands reach the Pi. The central ACL must let the bridge do exactly that.
 */
class SiteBrokerDeploymentTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PREFIX = "relais/v1/spi/spi-pi/";

    @TempDir
    Path temp;

    @Test
    void theVansBrokerBridgesWithTheNodesCredentials() throws Exception {
        try (RenderedDeployment deployment = new RenderedDeployment(temp)) {
            deployment.render();
            deployment.startBroker();
            Path node = deployment.root.resolve("nodes/spi-pi");
            int sitePort = MosquittoProcess.freePort();
            Path data = Files.createDirectories(temp.resolve("site-data"));
            // Mosquitto writes its persistence as its own user once it has dropped root.
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
            // The Pi's paths and the central's name, moved to this machine; nothing else changes.
            String config = Files.readString(node.resolve("site-broker/mosquitto.conf"))
                    .replace("listener " + NodeFiles.SITE_BROKER_PORT + " 127.0.0.1", "listener " + sitePort + " 127.0.0.1")
                    .replace("/etc/relais-site-broker/ca.crt", node.resolve("ca.crt").toString())
                    .replace("/var/lib/relais-site-broker/", data + "/")
                    .replace("relais.portes-thierache.example:", "localhost:");
            Path siteConfig = temp.resolve("site.conf");
            Files.writeString(siteConfig, config);
            try (MosquittoProcess site = MosquittoProcess.startWithConfig(siteConfig, temp.resolve("site-run"), sitePort);
                 TestMqttClient hub = deployment.hub();
                 TestMqttClient agent = TestMqttClient.anonymous("tcp://127.0.0.1:" + sitePort, "spi-pi")) {
                hub.subscribe("relais/v1/#");
                agent.subscribe(PREFIX + "cmd/#");
                await().atMost(WAIT).until(() -> deployment.broker.log().contains("u'spi-pi.1'"));
                // The bridge may still be subscribing: send until the first one crosses.
                await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                    agent.publish(PREFIX + "telemetry", "from-the-van");
                    return hub.arrivals.contains(PREFIX + "telemetry from-the-van");
                });
                await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                    hub.publish(PREFIX + "cmd/ping", "to-the-van");
                    return agent.arrivals.contains(PREFIX + "cmd/ping to-the-van");
                });
                assertThat(deployment.broker.log()).doesNotContain("denied");
                assertThat(site.isRunning()).isTrue();
            }
        }
    }
}
