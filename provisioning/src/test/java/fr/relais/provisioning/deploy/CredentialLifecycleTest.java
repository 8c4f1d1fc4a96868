package fr.relais.provisioning.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.relais.broker.testing.TestMqttClient;
import fr.relais.provisioning.command.CommandClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation with an overlap, and revocation, against the running broker reloaded by SIGHUP. */
class CredentialLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String NODE = "rozoy-pi";

    @TempDir
    Path temp;
    private RenderedDeployment deployment;

    @AfterEach
    void stop() {
        CommandClock.reset();
        if (deployment != null) {
            deployment.close();
        }
    }

    @Test
    void aRevokedNodeIsRefusedOnceTheBrokerReloadsAndCannotPublishOnItsOpenConnection() throws Exception {
        deployment = new RenderedDeployment(temp);
        deployment.render();
        deployment.startBroker();
        String username = deployment.username(NODE);
        String password = deployment.password(NODE);
        try (TestMqttClient hub = deployment.hub(); TestMqttClient open = deployment.node(NODE)) {
            hub.subscribe("relais/v1/#");
            RenderedDeployment.Run run = deployment.provision("revoke", NODE, "--inventory",
                    deployment.inventory.toString(), "--out", deployment.root.toString(),
                    "--broker-pid", Long.toString(deployment.broker.pid()));
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains(NODE + ": revoked; broker");
            assertThat(Files.readString(deployment.root.resolve("broker/passwd"))).doesNotContain(NODE);
            assertThat(Files.readString(deployment.root.resolve("broker/acl"))).doesNotContain(NODE);
            assertThat(deployment.root.resolve("nodes").resolve(NODE)).doesNotExist();
            await().atMost(WAIT).until(() -> deployment.broker.log().contains("Reloading config"));
            awaitRefused(NODE, username, password);
            // The connection it already had: the ACL no longer lets anything through.
            try {
                open.publish("relais/v1/rozoy/rozoy-pi/telemetry", "after-revocation");
            } catch (MqttException dropped) {
                // Mosquitto may also cut it: either way nothing reaches the hub.
            }
            try (TestMqttClient other = deployment.node("montcornet-pi")) {
                other.publish("relais/v1/montcornet/montcornet-pi/telemetry", "still-here");
                await().atMost(WAIT).until(() -> hub.arrivals.stream().anyMatch(m -> m.endsWith("still-here")));
            }
            assertThat(hub.arrivals).noneMatch(m -> m.contains("after-revocation"));
        }
        // Rendering again keeps it out: the revocation is in the secrets, not only in the files.
        deployment.render();
        assertThat(Files.readString(deployment.root.resolve("broker/passwd"))).doesNotContain(NODE);
        // Rotating lets it back in with new credentials only: the revoked ones get no overlap.
        RenderedDeployment.Run back = deployment.provision("rotate", NODE, "--inventory",
                deployment.inventory.toString(), "--out", deployment.root.toString());
        assertThat(back.exit()).as(back.err()).isZero();
        assertThat(back.out()).contains(NODE + ": let back in with new credentials; the revoked ones stay refused")
                .doesNotContain("valid until");
        assertThat(Files.readString(deployment.root.resolve("broker/passwd"))).doesNotContain(username + ":")
                .contains(deployment.username(NODE) + ":");
        assertThat(deployment.username(NODE)).isNotEqualTo(username);
    }

    @Test
    void aRotatedNodeWorksWithTheNewAndDuringTheOverlapTheOldCredentials() throws Exception {
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        CommandClock.set(Clock.fixed(start, ZoneOffset.UTC));
        deployment = new RenderedDeployment(temp);
        deployment.render();
        deployment.startBroker();
        String oldUsername = deployment.username(NODE);
        String oldPassword = deployment.password(NODE);
        RenderedDeployment.Run run = deployment.provision("rotate", NODE, "--overlap-hours", "24", "--inventory",
                deployment.inventory.toString(), "--out", deployment.root.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        String newUsername = deployment.username(NODE);
        String newPassword = deployment.password(NODE);
        assertThat(newUsername).isEqualTo(NODE + ".2").isNotEqualTo(oldUsername);
        assertThat(newPassword).isNotEqualTo(oldPassword);
        deployment.broker.reload();
        await().atMost(WAIT).untilAsserted(() -> {
            try (TestMqttClient fresh = TestMqttClient.connect(deployment.local(), NODE, newUsername, newPassword,
                    null)) {
                assertThat(fresh.isConnected()).isTrue();
            }
        });
        try (TestMqttClient old = TestMqttClient.connect(deployment.local(), NODE + "-old", oldUsername, oldPassword,
                null);
             TestMqttClient hub = deployment.hub()) {
            hub.subscribe("relais/v1/#");
            old.publish("relais/v1/rozoy/rozoy-pi/telemetry", "old-still-allowed");
            await().atMost(WAIT).until(() -> hub.arrivals.stream().anyMatch(m -> m.endsWith("old-still-allowed")));
        }
        // A day and a minute later, a render drops the old credentials; after a reload they no longer open.
        String passwd = renderAfterTheOverlapAndReload(start);
        assertThat(passwd).doesNotContain(oldUsername + ":").contains(newUsername + ":");
        awaitRefused(NODE + "-old", oldUsername, oldPassword);
        try (TestMqttClient fresh = TestMqttClient.connect(deployment.local(), NODE, newUsername, newPassword,
                    null)) {
            assertThat(fresh.isConnected()).isTrue();
        }
    }

    @Test
    void theHubGetsNewCredentialsWithoutLosingWhatIsQueuedForIt() throws Exception {
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        CommandClock.set(Clock.fixed(start, ZoneOffset.UTC));
        deployment = new RenderedDeployment(temp);
        deployment.render();
        deployment.startBroker();
        String oldUsername = deployment.hubUsername();
        String oldPassword = deployment.hubPassword();
        assertThat(oldUsername).isEqualTo("relais-hub");
        byte[] agentBefore = Files.readAllBytes(deployment.root.resolve("nodes/rozoy-pi/agent.yaml"));
        byte[] unitBefore = Files.readAllBytes(deployment.root.resolve("hub/relais-hub.service"));
        // The hub as it runs: a persistent session, still connected while the broker reloads.
        try (TestMqttClient hub = TestMqttClient.connect(TestMqttClient.Options.user(deployment.local(),
                "relais-hub-test", oldUsername, oldPassword).persistentSession())) {
            hub.subscribe("relais/v1/#");
            RenderedDeployment.Run run = deployment.provision("rotate-hub", "--inventory",
                    deployment.inventory.toString(), "--out", deployment.root.toString());
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("hub: now relais-hub.2").contains("systemctl restart relais-hub");
            assertThat(deployment.hubUsername()).isEqualTo("relais-hub.2");
            assertThat(deployment.hubPassword()).isNotEqualTo(oldPassword);
            assertThat(Files.readAllBytes(deployment.root.resolve("nodes/rozoy-pi/agent.yaml")))
                    .as("the nodes are not touched").isEqualTo(agentBefore);
            assertThat(Files.readAllBytes(deployment.root.resolve("hub/relais-hub.service")))
                    .as("the unit reads the username from hub.env: nothing else to install").isEqualTo(unitBefore);
            deployment.broker.reload();
            await().atMost(WAIT).until(() -> deployment.broker.log().contains("Reloading config"));
            try (TestMqttClient node = deployment.node(NODE)) {
                node.publish("relais/v1/rozoy/rozoy-pi/telemetry", "during-the-reload");
            }
            await().atMost(WAIT).until(() -> hub.arrivals.contains(
                    "relais/v1/rozoy/rozoy-pi/telemetry during-the-reload"));
            assertThat(hub.isConnected()).as("the old credentials hold during the overlap").isTrue();
            hub.disconnect();
        }
        // The hub restarts on its new hub.env: what arrived meanwhile waits in its session.
        try (TestMqttClient node = deployment.node(NODE)) {
            node.publish("relais/v1/rozoy/rozoy-pi/telemetry", "while-the-hub-restarts");
        }
        try (TestMqttClient hub = TestMqttClient.connect(TestMqttClient.Options.user(deployment.local(),
                "relais-hub-test", deployment.hubUsername(), deployment.hubPassword()).persistentSession());
             TestMqttClient node = deployment.node(NODE)) {
            await().atMost(WAIT).until(() -> hub.arrivals.contains(
                    "relais/v1/rozoy/rozoy-pi/telemetry while-the-hub-restarts"));
            node.subscribe("relais/v1/rozoy/rozoy-pi/cmd/#");
            hub.publish("relais/v1/rozoy/rozoy-pi/cmd/ping", "from-the-new-account");
            await().atMost(WAIT).until(() -> node.arrivals.contains("relais/v1/rozoy/rozoy-pi/cmd/ping from-the-new-account"));
        }
        // A day and a minute later, a render drops the old credentials.
        assertThat(renderAfterTheOverlapAndReload(start)).doesNotContain(oldUsername + ":").contains("relais-hub.2:");
        assertThat(Files.readString(deployment.root.resolve("broker/acl"))).doesNotContain("user relais-hub\n")
                .contains("user relais-hub.2\n");
        awaitRefused("relais-hub-old", oldUsername, oldPassword);
    }

    /** Renders a day and a minute after {@code start} (a 24 h overlap is over), reloads; the new passwd. */
    private String renderAfterTheOverlapAndReload(Instant start) throws Exception {
        CommandClock.set(Clock.fixed(start.plus(Duration.ofHours(24)).plusSeconds(60), ZoneOffset.UTC));
        deployment.render();
        deployment.broker.reload();
        return Files.readString(deployment.root.resolve("broker/passwd"));
    }

    private void awaitRefused(String clientId, String username, String password) {
        await().atMost(WAIT).untilAsserted(() -> assertThatThrownBy(() -> TestMqttClient.connect(deployment.local(),
                clientId, username, password, null)).isInstanceOf(MqttException.class));
    }
}
