package fr.relais.bench;

import fr.relais.protocol.Topic;
import fr.relais.protocol.mqtt.BufferedSocketFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The bare end of the pipe: a Paho subscriber on every node's telemetry that stores nothing. It
 * connects like the hub (persistent session, same socket factory) but lets Paho acknowledge on
 * arrival, so what it measures is mosquitto and Paho alone, the ceiling the hub is compared with.
 * Besides counting, it reads each message's {@code ts} to time the pipe, which costs about a
 * microsecond against the tens a message takes to cross.
 */
final class RawSubscriber implements AutoCloseable {
    private static final byte[] TS_FIELD = "\"ts\":\"".getBytes(StandardCharsets.US_ASCII);

    private final MqttAsyncClient client;
    private final AtomicLong received = new AtomicLong();
    private final long[] latencies;
    private volatile long lastReceiptNanos;

    /** @param expected messages to keep latencies for; more are counted, not timed */
    RawSubscriber(String brokerUrl, String clientId, int expected) throws MqttException {
        this.client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        this.latencies = new long[expected];
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                // The count will fall short, and the benchmark says so.
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                arrived(message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // It never publishes.
            }
        });
    }

    /** Connects and subscribes; from then on the broker queues every node's telemetry for it. */
    void start() throws MqttException {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        options.setKeepAliveInterval(60);
        options.setSocketFactory(new BufferedSocketFactory());
        client.connect(options).waitForCompletion(TimeUnit.SECONDS.toMillis(30));
        client.subscribe(Topic.ROOT + "/+/+/" + Topic.Kind.TELEMETRY.level(), 1)
                .waitForCompletion(TimeUnit.SECONDS.toMillis(30));
    }

    /**
     * Paho calls this from one thread only. The count is published last, so whoever reads it also
     * sees the latencies and the receipt time written before it.
     */
    private void arrived(byte[] payload) {
        long now = System.currentTimeMillis();
        long index = received.get();
        if (index < latencies.length) {
            long ts = timestamp(payload);
            latencies[(int) index] = ts < 0 ? -1 : now - ts;
        }
        lastReceiptNanos = System.nanoTime();
        received.set(index + 1);
    }

    long received() {
        return received.get();
    }

    long lastReceiptNanos() {
        return lastReceiptNanos;
    }

    /** Milliseconds from each message's {@code ts} to its arrival here, for the messages timed. */
    long[] latencies() {
        int timed = (int) Math.min(received.get(), latencies.length);
        return Arrays.stream(latencies, 0, timed).filter(latency -> latency >= 0).toArray();
    }

    /** The envelope's {@code ts} in epoch milliseconds, or -1 if the payload has none. */
    static long timestamp(byte[] payload) {
        int start = indexOf(payload, TS_FIELD);
        if (start < 0) {
            return -1;
        }
        int from = start + TS_FIELD.length;
        int to = from;
        while (to < payload.length && payload[to] != '"') {
            to++;
        }
        try {
            return Instant.parse(new String(payload, from, to - from, StandardCharsets.US_ASCII)).toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Unsubscribes before leaving: a persistent session that stayed subscribed would make the
     * broker queue every later message for a subscriber that never comes back.
     */
    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.unsubscribe(Topic.ROOT + "/+/+/" + Topic.Kind.TELEMETRY.level())
                        .waitForCompletion(TimeUnit.SECONDS.toMillis(5));
                client.disconnect().waitForCompletion(TimeUnit.SECONDS.toMillis(5));
            }
            client.close();
        } catch (MqttException e) {
            // The broker stops with the benchmark; its session goes with it.
        }
    }
}
