package fr.relais.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.broker.testing.TestMqttClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
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

    @Test
    void holdsTheInFlightWindowOfASubscriberThatAcknowledgesInOrder(MosquittoProcess broker) throws Exception {
        // The hub's batch is sized by this window (max_inflight_messages): it acknowledges a
        // batch's messages in order once they are stored. Mosquitto before 2.0.13 refilled the
        // window after each PUBACK counting only the messages before the acknowledged one, so one
        // acknowledgement of the first moved a whole window more into flight; a hub minutes behind
        // then had its queue overflow and messages dropped (hub/README.md, "What ingestion costs").
        int window = Integer.parseInt(MosquittoProcess.developmentConfig(broker.port()).lines()
                .filter(line -> line.startsWith("max_inflight_messages ")).findFirst().orElseThrow()
                .substring("max_inflight_messages ".length()).trim());
        int published = window + 1000;
        List<Integer> arrived = new CopyOnWriteArrayList<>();
        Set<String> payloads = ConcurrentHashMap.newKeySet();
        MqttClient hub = new MqttClient(broker.url(), "hub-like", new MemoryPersistence());
        try (TestMqttClient node = TestMqttClient.anonymous(broker.url(), "node-like")) {
            hub.setManualAcks(true);
            hub.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    payloads.add(new String(message.getPayload(), StandardCharsets.UTF_8));
                    arrived.add(message.getId());
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setCleanSession(false);
            hub.connect(options);
            hub.subscribe("relais/v1/+/+/telemetry", 1);
            for (int i = 0; i < published; i++) {
                node.publish("relais/v1/a/b/telemetry", Integer.toString(i));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> arrived.size() >= window);

            int acknowledged = 100;
            for (int i = 0; i < acknowledged; i++) {
                hub.messageArrivedComplete(arrived.get(i), 1);
            }
            String version = broker.log().lines().filter(line -> line.contains("mosquitto version")).findFirst()
                    .map(line -> line.substring(line.indexOf("mosquitto version")).replace(" starting", ""))
                    .orElse("this mosquitto");
            // Each acknowledgement lets exactly one more message into flight; the rest stay queued.
            await().atMost(Duration.ofSeconds(30)).until(() -> arrived.size() >= window + acknowledged);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(arrived.size())
                            .as("%s sent more than its in-flight window of %d to a subscriber that acknowledges"
                                    + " in order (fixed in mosquitto 2.0.13; Debian 12 has it in bookworm-backports:"
                                    + " run ./relais test as root, or apt-get install -t bookworm-backports mosquitto)",
                                    version, window)
                            .isEqualTo(window + acknowledged));

            // Acknowledging everything in order brings the rest, each message once.
            AtomicInteger next = new AtomicInteger(acknowledged);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
                while (next.get() < arrived.size()) {
                    hub.messageArrivedComplete(arrived.get(next.getAndIncrement()), 1);
                }
                return next.get() == published;
            });
            assertThat(arrived).hasSize(published);
            assertThat(payloads).hasSize(published);
        } finally {
            if (hub.isConnected()) {
                hub.disconnect();
            }
            hub.close();
        }
    }
}
