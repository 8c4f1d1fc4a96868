package fr.relais.provisioning.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.relais.broker.testing.TestMqttClient;
import fr.relais.provisioning.pki.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that authenticates with a client certificate: added with add-node, it reaches the hub
 * through the certificate listener under its own topics only, and once revoked its certificate
 * is on the CA's revocation list and the handshake fails.
 */
class CertificateNodeTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String NODE = "montcornet-cert-pi";
    private static final String TOPICS = "relais/v1/montcornet/" + NODE + "/";

    @TempDir
    Path temp;

    @Test
    void aCertificateNodeIsHeldToItsTopicsAndRefusedOnceRevoked() throws Exception {
        try (RenderedDeployment deployment = new RenderedDeployment(temp)) {
            deployment.render();
            RenderedDeployment.Run added = deployment.provision("add-node", NODE, "--site", "montcornet", "--auth",
                    "certificate", "--inventory", deployment.inventory.toString(), "--out", deployment.root.toString());
            assertThat(added.exit()).as(added.err()).isZero();
            Path node = deployment.root.resolve("nodes").resolve(NODE);
            assertThat(Files.readString(node.resolve("agent.yaml"))).contains("certFile: \"client.crt\"")
                    .doesNotContain("password");
            assertThat(Files.readString(deployment.root.resolve("broker/passwd"))).doesNotContain(NODE);
            deployment.startBroker();
            SSLSocketFactory presenting = TestTls.presenting(node.resolve("ca.crt"), node.resolve("client.crt"),
                    node.resolve("client.key"));
            String url = "ssl://127.0.0.1:" + deployment.certificatePort;
            try (TestMqttClient hub = deployment.hub();
                 TestMqttClient certified = TestMqttClient.connect(url, NODE, null, null, presenting)) {
                hub.subscribe("relais/v1/#");
                certified.publish("relais/v1/rozoy/rozoy-pi/telemetry", "forged");
                certified.publish(TOPICS + "telemetry", "by-certificate");
                await().atMost(WAIT).until(() -> hub.arrivals.contains(TOPICS + "telemetry by-certificate"));
                assertThat(hub.arrivals).noneMatch(message -> message.contains("forged"));
            }
            RenderedDeployment.Run revoked = deployment.provision("revoke", NODE, "--inventory",
                    deployment.inventory.toString(), "--out", deployment.root.toString(), "--broker-pid",
                    Long.toString(deployment.broker.pid()));
            assertThat(revoked.exit()).as(revoked.err()).isZero();
            assertThat(revoked.out()).contains("restart the broker");
            await().atMost(WAIT).until(() -> deployment.broker.log().contains("Reloading config"));
            // Reloaded: its ACL lines are gone, so even a handshake that still passes carries nothing.
            try (TestMqttClient hub = deployment.hub();
                 TestMqttClient certified = TestMqttClient.connect(url, NODE, null, null, presenting)) {
                hub.subscribe("relais/v1/#");
                certified.publish(TOPICS + "telemetry", "after-revocation");
                try (TestMqttClient other = deployment.node("rozoy-pi")) {
                    other.publish("relais/v1/rozoy/rozoy-pi/telemetry", "still-here");
                    await().atMost(WAIT)
                            .until(() -> hub.arrivals.contains("relais/v1/rozoy/rozoy-pi/telemetry still-here"));
                }
                assertThat(hub.arrivals).noneMatch(message -> message.contains("after-revocation"));
            }
            // Mosquitto reads its revocation list when it starts: restarted, it refuses the handshake.
            deployment.broker.restart();
            assertThatThrownBy(() -> TestMqttClient.connect(url, NODE, null, null, presenting))
                    .isInstanceOf(MqttException.class);
            try (TestMqttClient other = deployment.node("rozoy-pi")) {
                assertThat(other.isConnected()).isTrue();
            }
        }
    }
}
