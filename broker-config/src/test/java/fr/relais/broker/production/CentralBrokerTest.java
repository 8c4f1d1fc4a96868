package fr.relais.broker.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.TestMqttClient;
import fr.relais.broker.testing.TestMqttClient.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rendered central configuration on the real mosquitto: who gets in, where, and how. */
class CentralBrokerTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private CentralFixture central;

    @BeforeEach
    void start() {
        central = CentralFixture.start(dir);
    }

    @AfterEach
    void stop() {
        central.close();
    }

    @Test
    void refusesAnonymousClientsOnBothListeners() {
        assertRefused(Options.anonymous(central.localUrl(), "anonymous-local"));
        assertRefused(Options.anonymous(central.tlsUrl(), "anonymous-tls").tls(central.pki.trustingOnlyCa()));
    }

    @Test
    void refusesAWrongPassword() {
        assertRefused(Options.user(central.localUrl(), "intruder", "hub", "not-the-password"));
    }

    @Test
    void letsAnAccountInOnTheLoopbackAndOverTls() throws Exception {
        try (TestMqttClient hub = TestMqttClient.connect(central.hub("hub").persistentSession());
             TestMqttClient node = TestMqttClient.connect(Options.user(central.tlsUrl(), "node-a", "node-a",
                     CentralFixture.NODE_PASSWORD).tls(central.pki.trustingOnlyCa()))) {
            hub.subscribe("relais/v1/+/+/telemetry");
            node.subscribe("relais/v1/site-a/node-a/cmd/+");

            node.publish("relais/v1/site-a/node-a/telemetry", "over TLS");
            hub.publish("relais/v1/site-a/node-a/cmd/ping", "to the node");

            await().atMost(PATIENCE).until(() -> hub.received.contains("over TLS"));
            await().atMost(PATIENCE).until(() -> node.received.contains("to the node"));
        }
    }

    @Test
    void appliesTheAclToANodeOverTls() throws Exception {
        try (TestMqttClient hub = TestMqttClient.connect(central.hub("hub"));
             TestMqttClient node = TestMqttClient.connect(Options.user(central.tlsUrl(), "node-a", "node-a",
                     CentralFixture.NODE_PASSWORD).tls(central.pki.trustingOnlyCa()))) {
            hub.subscribe("relais/v1/+/+/telemetry");
            // MQTT 3.1.1 cannot tell the publisher it was denied: the broker drops the message.
            // Both go over one connection in order, so the allowed one arriving alone proves it.
            // The node stays connected (with max_queued_messages 0, mosquitto 2.0.11 would cut it).
            node.publish("relais/v1/site-b/node-b/telemetry", "posing as another node");
            node.publish("relais/v1/site-a/node-a/telemetry", "its own");

            await().atMost(PATIENCE).until(() -> hub.received.contains("its own"));
            assertThat(hub.received).containsExactly("its own");
        }
    }

    @Test
    void letsANodeInWithAClientCertificateAsItsUsername() throws Exception {
        try (TestMqttClient node = TestMqttClient.connect(new Options(central.certUrl(), "node-a-cert", null,
                null, central.pki.withClientCertificate("node-a"), true));
             TestMqttClient hub = TestMqttClient.connect(central.hub("hub"))) {
            hub.subscribe("relais/v1/+/+/telemetry");
            node.publish("relais/v1/site-a/node-a/telemetry", "with a certificate");
            await().atMost(PATIENCE).until(() -> hub.received.contains("with a certificate"));
        }
        assertRefused(Options.anonymous(central.certUrl(), "no-certificate").tls(central.pki.trustingOnlyCa()));
    }

    @Test
    void readsANewAccountOnReload() throws Exception {
        BrokerAccounts.addUser(central.passwordFile, "hub", "new-secret");
        central.broker.reload();

        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            try (TestMqttClient hub = TestMqttClient.connect(Options.user(central.localUrl(), "after-reload",
                    "hub", "new-secret"))) {
                assertThat(hub).isNotNull();
            }
        });
        assertRefused(central.hub("old-password"));
    }

    @Test
    void logsEachConnectionAtOnceWhileRunning() throws Exception {
        try (TestMqttClient hub = TestMqttClient.connect(central.hub("hub-in-the-log"))) {
            // stderr is unbuffered: the line is there while the broker still runs (stdout would
            // sit in mosquitto's buffer when it is not a terminal).
            await().atMost(PATIENCE).until(() -> central.broker.log().contains("as hub-in-the-log"));
            assertThat(central.broker.isRunning()).isTrue();
        }
    }

    @Test
    void refusesToStartWithoutItsKeyRatherThanRunWithoutTls() throws Exception {
        central.close();
        Files.delete(central.pki.keyFile());
        Path again = dir.resolve("again");

        // mosquitto opens the loopback listener before it loads the TLS key, so the harness may
        // see the port open for an instant: either way the broker must be gone, saying why.
        MosquittoProcess broker = null;
        try {
            broker = MosquittoProcess.startWithConfig(dir.resolve("central.conf"), again, central.localPort);
        } catch (IllegalStateException exitedBeforeListening) {
            assertThat(exitedBeforeListening).hasMessageContaining("exited");
        }
        MosquittoProcess started = broker;
        try {
            await().atMost(PATIENCE).until(() -> started == null || !started.isRunning());
        } finally {
            if (started != null) {
                started.close();
            }
        }
        assertThat(Files.readString(again.resolve("mosquitto.log")))
                .contains("Unable to load server key file \"" + central.pki.keyFile().toAbsolutePath());
    }

    private static void assertRefused(Options options) {
        assertThatThrownBy(() -> TestMqttClient.connect(options).close()).isInstanceOf(MqttException.class);
    }
}
