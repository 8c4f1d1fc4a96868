package fr.relais.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.Messages;
import fr.relais.protocol.Health;
import fr.relais.protocol.HubState;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link HubLink}'s session on a real mosquitto: a message is acknowledged only once stored (the
 * broker gives the rest to the hub's next session), the link comes back by itself after the broker
 * restarts, and what a node sends, however wrong or large, reaches the ingestion without
 * stopping the link.
 */
class HubLinkSessionTest {
    private static final String TOPIC = "relais/v1/rozoy/node-1/telemetry";

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    private final MessageCodec codec = new MessageCodec();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void onlyStoredMessagesAreAcknowledgedAndTheRestComeBackToTheNextSession(MosquittoProcess broker)
            throws Exception {
        BlockingQueue<Delivery> firstQueue = new ArrayBlockingQueue<>(100);
        HubLink first = link(broker.url(), "hub-ack-test", firstQueue);
        MqttClient node = node(broker.url(), "node-ack-test");
        for (int i = 0; i < 6; i++) {
            node.publish(TOPIC, text("message " + i), 1, false);
        }
        List<Delivery> taken = take(firstQueue, 6);
        // The first three are stored, acknowledged from this thread as the writer's would be; the
        // hub dies before committing the others.
        for (int i = 0; i < 3; i++) {
            taken.get(i).acknowledge().run();
        }
        first.close();

        BlockingQueue<Delivery> secondQueue = new ArrayBlockingQueue<>(100);
        HubLink second = link(broker.url(), "hub-ack-test", secondQueue);
        node.publish(TOPIC, text("after the restart"), 1, false);
        List<String> again = new ArrayList<>();
        while (again.isEmpty() || !again.get(again.size() - 1).equals("after the restart")) {
            Delivery delivery = secondQueue.poll(30, TimeUnit.SECONDS);
            assertThat(delivery).as("delivered to the second session, so far " + again).isNotNull();
            again.add(payloadText(delivery));
            delivery.acknowledge().run();
        }
        assertThat(again).as("the unstored ones again, not the stored ones, then the new one")
                .containsExactly("message 3", "message 4", "message 5", "after the restart");
        assertThat(second.isConnected()).isTrue();
    }

    @Test
    void comesBackAfterTheBrokerRestartsAndAnnouncesItselfAgain(MosquittoProcess broker) throws Exception {
        BlockingQueue<Delivery> queue = new ArrayBlockingQueue<>(100);
        HubLink link = link(broker.url(), "hub-restart-test", queue);

        broker.stop();
        await().atMost(Duration.ofSeconds(60)).until(() -> !link.isConnected());
        assertThatThrownBy(() -> link.publish("relais/v1/rozoy/node-1/command/ping", text("{}")))
                .as("nothing is taken while the broker is away").isInstanceOf(NotSentException.class);
        List<Runnable> ran = new CopyOnWriteArrayList<>();
        Runnable back = () -> { };
        link.whenConnected(() -> ran.add(back));

        // A broker that kept nothing (no persistence): the link must subscribe and announce again.
        broker.restart();
        await().atMost(Duration.ofSeconds(60)).until(link::isConnected);
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.contains(back));
        List<Presence> states = new CopyOnWriteArrayList<>();
        MqttClient watcher = node(broker.url(), "hub-state-watcher");
        watcher.subscribe(Topic.HUB_STATE, 1, (topic, message) -> states.add(codec.decode(Topic.hubState(),
                message.getPayload(), HubState.class).state()));
        await().atMost(Duration.ofSeconds(30)).until(() -> states.contains(Presence.ONLINE));

        MqttClient node = node(broker.url(), "node-restart-test");
        node.publish(TOPIC, text("after the broker's restart"), 1, false);
        Delivery delivery = queue.poll(30, TimeUnit.SECONDS);
        assertThat(delivery).as("subscribed again after the restart").isNotNull();
        assertThat(payloadText(delivery)).isEqualTo("after the broker's restart");
        link.publish("relais/v1/rozoy/node-1/command/ping", text("{}")).get(30, TimeUnit.SECONDS);
    }

    @Test
    void garbageAndOversizedPayloadsGoToIngestionAndTheLinkGoesOn(MosquittoProcess broker) throws Exception {
        BlockingQueue<Delivery> queue = new ArrayBlockingQueue<>(100);
        IngestStats stats = new IngestStats();
        HubLink link = link(broker.url(), "hub-garbage-test", queue, stats);
        MqttClient node = node(broker.url(), "node-garbage-test");
        // Over the codec's 256 KiB, under mosquitto's max_packet_size (270 000): the broker passes it.
        byte[] oversized = new byte[262_200];
        Arrays.fill(oversized, (byte) '{');
        byte[] garbage = {0, (byte) 0xff, (byte) 0xfe, '{', '"', 0x7f, (byte) 0xc3};
        byte[] valid = codec.encode(Messages.telemetry(1, "printer-1", Health.OK, 80));
        node.publish(TOPIC, oversized, 1, false);
        node.publish(TOPIC, garbage, 1, false);
        node.publish("relais/v1/NOT A SITE/node-1/telemetry", text("{}"), 1, false);
        node.publish(TOPIC, new byte[0], 1, false);
        node.publish(TOPIC, valid, 1, false);

        List<Delivery> taken = take(queue, 5);
        for (int i = 0; i < 4; i++) {
            Received received = taken.get(i).received();
            assertThat(received).as("message %d, refused with a reason", i).isInstanceOf(Received.Invalid.class);
            assertThat(((Received.Invalid) received).reason()).isNotBlank();
        }
        assertThat(((Received.Invalid) taken.get(0).received()).payload()).as("kept whole").hasSize(262_200);
        assertThat(taken.get(4).received()).as("the message after them").isInstanceOf(Received.Valid.class);
        taken.forEach(delivery -> delivery.acknowledge().run());
        assertThat(stats.snapshot().received()).isEqualTo(5);
        assertThat(link.isConnected()).as("the session never dropped").isTrue();
    }

    private HubLink link(String url, String clientId, BlockingQueue<Delivery> queue) {
        return link(url, clientId, queue, new IngestStats());
    }

    private HubLink link(String url, String clientId, BlockingQueue<Delivery> queue, IngestStats stats) {
        HubLink link = new HubLink(new MqttSettings(url, clientId, Optional.empty(), Optional.empty()),
                new Ingestor(queue, stats, Clock.systemUTC()), Clock.systemUTC(), "session-" + open.size());
        open.add(link);
        link.start();
        await().atMost(Duration.ofSeconds(30)).until(link::isConnected);
        return link;
    }

    private MqttClient node(String url, String clientId) throws Exception {
        MqttClient node = new MqttClient(url, clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        node.connect(options);
        open.add(() -> {
            if (node.isConnected()) {
                node.disconnect();
            }
            node.close();
        });
        return node;
    }

    private static List<Delivery> take(BlockingQueue<Delivery> queue, int count) throws InterruptedException {
        List<Delivery> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Delivery delivery = queue.poll(30, TimeUnit.SECONDS);
            assertThat(delivery).as("message %d of %d", i + 1, count).isNotNull();
            taken.add(delivery);
        }
        return taken;
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String payloadText(Delivery delivery) {
        Received received = delivery.received();
        byte[] payload = received instanceof Received.Invalid invalid ? invalid.payload()
                : ((Received.Valid) received).payload();
        return new String(payload, StandardCharsets.UTF_8);
    }
}
