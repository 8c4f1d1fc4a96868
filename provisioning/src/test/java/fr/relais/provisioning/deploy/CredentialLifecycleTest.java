package fr.relais.provisioning.deploy;

import fr.relais.broker.testing.TestMqttClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
            await().atMost(WAIT).untilAsserted(() -> assertThatThrownBy(() -> TestMqttClient.connect(deployment.local(),
                    NODE, username, password, null)).isInstanceOf(MqttException.class));
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
        CommandClock.set(Clock.fixed(start.plus(Duration.ofHours(24)).plusSeconds(60), ZoneOffset.UTC));
        deployment.render();
        assertThat(Files.readString(deployment.root.resolve("broker/passwd"))).doesNotContain(oldUsername + ":")
                .contains(newUsername + ":");
        deployment.broker.reload();
        await().atMost(WAIT).untilAsserted(() -> assertThatThrownBy(() -> TestMqttClient.connect(deployment.local(),
                NODE + "-old", oldUsername, oldPassword, null)).isInstanceOf(MqttException.class));
        try (TestMqttClient fresh = TestMqttClient.connect(deployment.local(), NODE, newUsername, newPassword,
                    null)) {
            assertThat(fresh.isConnected()).isTrue();
        }
    }
}
