package fr.relais.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.broker.testing.TestMqttClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class MosquittoProcessTest {
    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    @Test
    void freePortsAreDistinctEvenWhenAskedManyAtOnce() {
        // Three freePort() calls in a row once returned the same port twice, and a render refused
        // the inventory it was given; freePorts holds each socket until all are chosen.
        for (int round = 0; round < 50; round++) {
            int[] ports = MosquittoProcess.freePorts(5);
            assertThat(ports).hasSize(5).doesNotHaveDuplicates().doesNotContain(0);
        }
    }

    @Test
    void carriesMessagesOnItsOwnLoopbackPort(MosquittoProcess broker) throws Exception {
        assertThat(broker.port()).isNotEqualTo(1883);
        assertThat(MosquittoProcess.developmentConfig(broker.port()))
                .contains("listener " + broker.port() + " 127.0.0.1");
        try (TestMqttClient subscriber = TestMqttClient.anonymous(broker.url(), "sub");
             TestMqttClient publisher = TestMqttClient.anonymous(broker.url(), "pub")) {
            subscriber.subscribe("relais/v1/#");
            publisher.publish("relais/v1/a/b/event", "hello");
            await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received.contains("hello"));
        }
    }

    @Test
    void keepsEveryQueuedMessageOfAnOfflineSubscriber(MosquittoProcess broker) throws Exception {
        // Stock Mosquitto queues 1000 messages per offline session and drops the rest silently.
        int burst = 20_000;
        try (TestMqttClient subscriber = TestMqttClient.persistent(broker.url(), "hub-like")) {
            subscriber.subscribe("relais/v1/+/+/telemetry");
            subscriber.disconnect();
            try (TestMqttClient publisher = TestMqttClient.anonymous(broker.url(), "node-like")) {
                for (int i = 0; i < burst; i++) {
                    publisher.publish("relais/v1/a/b/telemetry", Integer.toString(i));
                }
            }
        }
        try (TestMqttClient back = TestMqttClient.persistent(broker.url(), "hub-like")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> back.received.size() >= burst);
            assertThat(back.received).hasSize(burst).doesNotHaveDuplicates();
        }
    }

    @Test
    void aPersistentBrokerKeepsQueuedMessagesAcrossAPoliteRestart(@TempDir Path dir) throws Exception {
        try (MosquittoProcess broker = MosquittoProcess.startPersistent(dir, MosquittoProcess.freePort())) {
            try (TestMqttClient hub = TestMqttClient.persistent(broker.url(), "hub-like")) {
                hub.subscribe("relais/v1/+/+/telemetry");
                hub.disconnect();
            }
            try (TestMqttClient node = TestMqttClient.anonymous(broker.url(), "node-like")) {
                for (int i = 0; i < 500; i++) {
                    node.publish("relais/v1/a/b/telemetry", Integer.toString(i));
                }
            }
            broker.restart();
            try (TestMqttClient hub = TestMqttClient.persistent(broker.url(), "hub-like")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> hub.received.size() >= 500);
                assertThat(hub.received).hasSize(500);
            }
        }
    }

    @Test
    void restartsOnTheSamePortAfterAKill(MosquittoProcess broker) throws Exception {
        int port = broker.port();
        broker.kill();
        assertThat(broker.isRunning()).isFalse();
        broker.restart();
        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.port()).isEqualTo(port);
        try (TestMqttClient probe = TestMqttClient.anonymous(broker.url(), "after-restart")) {
            probe.subscribe("x");
            probe.publish("x", "back");
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.received.contains("back"));
        }
        assertThat(broker.log()).contains("mosquitto version").contains("running");
    }

    @Test
    void runsAConfigurationWrittenElsewhereAndSurvivesAReload(@TempDir Path dir) throws Exception {
        int port = MosquittoProcess.freePort();
        Path config = dir.resolve("elsewhere.conf");
        java.nio.file.Files.writeString(config, MosquittoProcess.developmentConfig(port));
        try (MosquittoProcess broker = MosquittoProcess.startWithConfig(config, dir.resolve("run"), port)) {
            broker.reload();
            try (TestMqttClient subscriber = TestMqttClient.anonymous(broker.url(), "sub");
                 TestMqttClient publisher = TestMqttClient.anonymous(broker.url(), "pub")) {
                subscriber.subscribe("relais/v1/#");
                publisher.publish("relais/v1/a/b/event", "after reload");
                await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received.contains("after reload"));
            }
            assertThat(broker.isRunning()).isTrue();
            // The broker's own log says it took the signal: the reload was not a no-op.
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.log().contains("Reloading config"));
        }
    }
}
