package fr.relais.provisioning.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.relais.broker.testing.TestMqttClient;
import fr.relais.provisioning.pki.TestTls;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample territory's rendered broker files, run by the real mosquitto: each node is held to
 * its own topics, the hub sees everything, strangers get nothing. What a refused publish becomes
 * is checked by what reaches the hub: mosquitto acknowledges it and drops it.
 */
class BrokerAccessTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String A = "rozoy-pi";
    private static final String B = "montcornet-pi";
    private static final String A_TOPICS = "relais/v1/rozoy/rozoy-pi/";
    private static final String B_TOPICS = "relais/v1/montcornet/montcornet-pi/";

    @TempDir
    static Path temp;
    private static RenderedDeployment deployment;

    @BeforeAll
    static void render() throws Exception {
        deployment = new RenderedDeployment(temp);
        deployment.render();
        deployment.startBroker();
    }

    @AfterAll
    static void stop() {
        deployment.close();
    }

    @Test
    void aNodeMayPublishUnderItsOwnTopicsOnlyAndTheHubSeesIt() throws Exception {
        try (TestMqttClient hub = deployment.hub(); TestMqttClient a = deployment.node(A)) {
            hub.subscribe("relais/v1/#");
            a.publish(B_TOPICS + "telemetry", "forged");
            a.publish("relais/v1/_hub/state", "forged-hub");
            a.publish(A_TOPICS + "cmd/reboot", "forged-command");
            a.publish(A_TOPICS + "telemetry", "own");
            // Same connection, same order: once "own" is in, the refused ones would have been before it.
            await().atMost(WAIT).until(() -> hub.arrivals.contains(A_TOPICS + "telemetry own"));
            assertThat(hub.arrivals).noneMatch(message -> message.contains("forged"));
        }
    }

    @Test
    void aNodeReadsItsOwnCommandsAndTheHubStateButNotAnotherNodesCommands() throws Exception {
        try (TestMqttClient hub = deployment.hub(); TestMqttClient a = deployment.node(A)) {
            a.subscribe("relais/v1/+/+/cmd/#");
            a.subscribe("relais/v1/_hub/state");
            a.subscribe(B_TOPICS + "#");
            hub.publish(B_TOPICS + "cmd/reboot", "for-b");
            hub.publish(A_TOPICS + "cmd/reboot", "for-a");
            hub.publish("relais/v1/_hub/state", "hub-online");
            await().atMost(WAIT).until(() -> a.arrivals.contains("relais/v1/_hub/state hub-online"));
            assertThat(a.arrivals).contains(A_TOPICS + "cmd/reboot for-a").noneMatch(m -> m.contains("for-b"));
        }
    }

    @Test
    void aNodeReadsItsOwnAccessListOnlyAndCannotWriteOne() throws Exception {
        try (TestMqttClient hub = deployment.hub(); TestMqttClient a = deployment.node(A);
             TestMqttClient b = deployment.node(B)) {
            a.subscribe("relais/v1/+/+/access");
            a.subscribe(B_TOPICS + "access");
            b.subscribe(B_TOPICS + "access");
            a.publish(B_TOPICS + "access", "forged-by-a");
            a.publish(A_TOPICS + "access", "forged-for-itself");
            hub.publish(B_TOPICS + "access", "list-for-b");
            hub.publish(A_TOPICS + "access", "list-for-a");
            await().atMost(WAIT).until(() -> a.arrivals.contains(A_TOPICS + "access list-for-a"));
            await().atMost(WAIT).until(() -> b.arrivals.contains(B_TOPICS + "access list-for-b"));
            assertThat(a.arrivals).noneMatch(m -> m.contains("list-for-b")).noneMatch(m -> m.contains("forged"));
            assertThat(b.arrivals).noneMatch(m -> m.contains("forged"));
        }
    }

    @Test
    void aNodeReadsItsOwnKioskContentOnlyAndCannotWriteAny() throws Exception {
        try (TestMqttClient hub = deployment.hub(); TestMqttClient a = deployment.node(A);
             TestMqttClient b = deployment.node(B)) {
            a.subscribe("relais/v1/+/+/content");
            a.subscribe(B_TOPICS + "content");
            b.subscribe(B_TOPICS + "content");
            a.publish(B_TOPICS + "content", "forged-by-a");
            a.publish(A_TOPICS + "content", "forged-for-itself");
            hub.publish(B_TOPICS + "content", "content-for-b");
            hub.publish(A_TOPICS + "content", "content-for-a");
            await().atMost(WAIT).until(() -> a.arrivals.contains(A_TOPICS + "content content-for-a"));
            await().atMost(WAIT).until(() -> b.arrivals.contains(B_TOPICS + "content content-for-b"));
            assertThat(a.arrivals).noneMatch(m -> m.contains("content-for-b")).noneMatch(m -> m.contains("forged"));
            assertThat(b.arrivals).noneMatch(m -> m.contains("forged"));
        }
    }

    @Test
    void strangersAndWrongPasswordsAreRefusedOnEveryListener() throws Exception {
        assertThatThrownBy(() -> TestMqttClient.connect(deployment.local(), "anonymous", null, null, null))
                .isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> TestMqttClient.connect(deployment.local(), A, deployment.username(A), "wrong", null))
                .isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> TestMqttClient.connect(deployment.tls(), "anonymous", null, null,
                TestTls.trusting(deployment.root.resolve("broker/ca.crt")))).isInstanceOf(MqttException.class);
    }

    @Test
    void tlsWorksWithTheDeploymentsCaOnly() throws Exception {
        Path ca = deployment.root.resolve("nodes").resolve(A).resolve("ca.crt");
        try (TestMqttClient a = TestMqttClient.connect(deployment.tls(), A, deployment.username(A),
                deployment.password(A), TestTls.trusting(ca))) {
            assertThat(a.isConnected()).isTrue();
        }
        // The JVM's public CAs do not know the deployment's: the handshake fails.
        assertThatThrownBy(() -> TestMqttClient.connect(deployment.tls(), A, deployment.username(A),
                deployment.password(A), TestTls.jvmDefault())).isInstanceOf(MqttException.class);
        Path otherCa = fr.relais.provisioning.pki.CertificateAuthority.loadOrCreate(temp.resolve("other-ca"), "Other")
                .certificateFile();
        assertThatThrownBy(() -> TestMqttClient.connect(deployment.tls(), A, deployment.username(A),
                deployment.password(A), TestTls.trusting(otherCa))).isInstanceOf(MqttException.class);
    }

    @Test
    void aNodeCannotTakeTheHubsSessionOverByUsingItsClientId() throws Exception {
        try (TestMqttClient hub = deployment.hub()) {
            hub.subscribe("relais/v1/#");
            // Same client id as the hub: without use_username_as_clientid the broker would close the hub's session.
            try (TestMqttClient impostor = TestMqttClient.connect(deployment.tls(), "relais-hub-test",
                    deployment.username(A), deployment.password(A), TestTls.trusting(deployment.root.resolve("broker/ca.crt")));
                 TestMqttClient b = deployment.node(B)) {
                b.publish(B_TOPICS + "telemetry", "after-the-impostor");
                await().atMost(WAIT).until(() -> hub.arrivals.contains(B_TOPICS + "telemetry after-the-impostor"));
                assertThat(hub.isConnected()).isTrue();
                assertThat(impostor.isConnected()).isTrue();
            }
        }
    }
}
