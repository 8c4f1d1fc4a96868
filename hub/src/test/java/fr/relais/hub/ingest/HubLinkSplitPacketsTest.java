package fr.relais.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.BitSet;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hub's broker session decodes what each read of the socket gave (Netty's MQTT decoder, which
 * waits for the rest of a packet): one read holds many packets, and a packet may end up split
 * between two reads. Here a real mosquitto's packets reach {@link HubLink} cut in pieces of 1 byte to 8 000
 * bytes, anywhere, and over a thousand messages of sizes around every remaining-length boundary
 * and beyond 64 KiB (and Netty's default limit of 8 092 bytes) all arrive, whole and byte for byte, each once.
 */
class HubLinkSplitPacketsTest {
    private static final int MESSAGES = 1_200;
    /** Around the remaining length's 1/2/3-byte boundaries (127, 16 383 bytes with the topic). */
    private static final int[] SIZES = {8, 100, 120, 121, 122, 130, 500, 4_000, 16_330, 16_350, 16_400};
    /** Every so often one larger than the socket's 64 KiB buffer. */
    private static final int LARGE = 70_000;

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    @Test
    void packetsSplitAnywhereAllArriveWholeAndOnce(MosquittoProcess broker) throws Exception {
        BlockingQueue<Delivery> queue = new ArrayBlockingQueue<>(100);
        try (ChoppingProxy proxy = new ChoppingProxy(broker.port(), 14L)) {
            HubLink link = new HubLink(new MqttSettings(proxy.url(), "hub-split-test", Optional.empty(),
                    Optional.empty()), new Ingestor(queue, new IngestStats(), Clock.systemUTC()), Clock.systemUTC(),
                    "session-1");
            try {
                link.start();
                await().atMost(Duration.ofSeconds(30)).until(link::isConnected);
                Thread publisher = new Thread(() -> publishAll(broker.url()), "test-publisher");
                publisher.start();

                BitSet seen = new BitSet(MESSAGES);
                int duplicates = 0;
                for (int received = 0; received < MESSAGES; received++) {
                    Delivery delivery = queue.poll(60, TimeUnit.SECONDS);
                    assertThat(delivery).as("message %d of %d", received + 1, MESSAGES).isNotNull();
                    byte[] payload = payload(delivery.received());
                    int index = ByteBuffer.wrap(payload).getInt();
                    assertThat(payload).as("message %d byte for byte", index).isEqualTo(payload(index));
                    if (seen.get(index)) {
                        duplicates++;
                    }
                    seen.set(index);
                    delivery.acknowledge().run();
                }
                publisher.join(60_000);
                assertThat(seen.cardinality()).isEqualTo(MESSAGES);
                assertThat(duplicates).as("no reconnection, so no message twice").isZero();
                assertThat(link.isConnected()).as("the session never dropped").isTrue();
            } finally {
                link.close();
            }
        }
    }

    private static void publishAll(String url) {
        try {
            MqttClient node = new MqttClient(url, "split-test-node", new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setMaxInflight(200);
            node.connect(options);
            for (int i = 0; i < MESSAGES; i++) {
                // Topics of varied lengths, so the topic's own length field moves too.
                String node1 = "node-" + "x".repeat(i % 7);
                node.publish("relais/v1/split/" + node1 + "/telemetry", payload(i), 1, false);
            }
            node.disconnect();
            node.close();
        } catch (Exception e) {
            throw new IllegalStateException("the node could not publish", e);
        }
    }

    /** Message {@code index}: its number, then bytes that depend on it and their position. */
    static byte[] payload(int index) {
        byte[] payload = new byte[index % 150 == 149 ? LARGE : SIZES[index % SIZES.length]];
        ByteBuffer.wrap(payload).putInt(index);
        for (int i = 4; i < payload.length; i++) {
            payload[i] = (byte) (index * 31 + i);
        }
        return payload;
    }

    private static byte[] payload(Received received) {
        if (received instanceof Received.Valid valid) {
            return valid.payload();
        }
        if (received instanceof Received.Invalid invalid) {
            return invalid.payload();
        }
        throw new AssertionError("unexpected " + received);
    }
}
