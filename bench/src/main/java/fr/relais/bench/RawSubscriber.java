package fr.relais.bench;

import fr.relais.protocol.Topic;
import fr.relais.protocol.mqtt.BufferedSocketFactory;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.mqtt.MqttClientOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
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
 * The bare end of the pipe: a subscriber on every node's telemetry that stores nothing. It
 * connects like the hub (persistent session) but lets its client acknowledge on arrival, so what
 * it measures is mosquitto and the MQTT client alone, the ceiling the hub is compared with. The
 * client is Vert.x MQTT by default, the hub's own ({@link Client#VERTX}); or Paho (same socket
 * factory as the agents), the reference issue 14 was written against while the hub still used
 * it. Besides counting, it reads each
 * message's {@code ts} to time the pipe, which costs about a microsecond against the tens a
 * message takes to cross.
 */
final class RawSubscriber implements AutoCloseable {
    private static final byte[] TS_FIELD = "\"ts\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final String FILTER = Topic.ROOT + "/+/+/" + Topic.Kind.TELEMETRY.level();

    /** Which MQTT client subscribes ({@code --raw-client}). */
    enum Client {
        PAHO, VERTX;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The client underneath: connects and subscribes, then unsubscribes and leaves. */
    private interface Connection {
        void start() throws Exception;

        void close() throws Exception;
    }

    private final Connection connection;
    private final AtomicLong received = new AtomicLong();
    private final long[] latencies;
    private volatile long lastReceiptNanos;

    /** @param expected messages to keep latencies for; more are counted, not timed */
    RawSubscriber(Client client, String brokerUrl, String clientId, int expected) throws MqttException {
        this.latencies = new long[expected];
        this.connection = client == Client.VERTX ? new VertxConnection(brokerUrl, clientId)
                : new PahoConnection(brokerUrl, clientId);
    }

    /** Connects and subscribes; from then on the broker queues every node's telemetry for it. */
    void start() throws Exception {
        connection.start();
    }

    /**
     * Either client calls this from one thread only. The count is published last, so whoever reads it also
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
            connection.close();
        } catch (Exception e) {
            // The broker stops with the benchmark; its session goes with it.
        }
    }

    private final class PahoConnection implements Connection {
        private final MqttAsyncClient client;

        PahoConnection(String brokerUrl, String clientId) throws MqttException {
            client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
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

        @Override
        public void start() throws MqttException {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setCleanSession(false);
            options.setKeepAliveInterval(60);
            options.setSocketFactory(new BufferedSocketFactory());
            client.connect(options).waitForCompletion(TimeUnit.SECONDS.toMillis(30));
            client.subscribe(FILTER, 1).waitForCompletion(TimeUnit.SECONDS.toMillis(30));
        }

        @Override
        public void close() throws MqttException {
            if (client.isConnected()) {
                client.unsubscribe(FILTER).waitForCompletion(TimeUnit.SECONDS.toMillis(5));
                client.disconnect().waitForCompletion(TimeUnit.SECONDS.toMillis(5));
            }
            client.close();
        }
    }

    /**
     * Vert.x MQTT as the hub runs it: a Vert.x of its own with one event loop, its thread named
     * {@code MQTT Raw: {client id}} so that the CPU figures find it as they find Paho's threads.
     */
    private final class VertxConnection implements Connection {
        private final String brokerUrl;
        private final String clientId;
        private Vertx vertx;
        private io.vertx.mqtt.MqttClient client;

        VertxConnection(String brokerUrl, String clientId) {
            this.brokerUrl = brokerUrl;
            this.clientId = clientId;
        }

        @Override
        public void start() throws Exception {
            URI uri = URI.create(brokerUrl);
            vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                    .setInternalBlockingPoolSize(1));
            Context context = vertx.getOrCreateContext();
            CompletableFuture<Void> subscribed = new CompletableFuture<>();
            context.runOnContext(ignored -> {
                Thread.currentThread().setName("MQTT Raw: " + clientId);
                MqttClientOptions options = new MqttClientOptions();
                options.setClientId(clientId);
                options.setCleanSession(false);
                options.setKeepAliveInterval(60);
                // Acknowledged on arrival, as Paho does by default.
                options.setAutoAck(true);
                options.setMaxMessageSize(268_435_455);
                client = io.vertx.mqtt.MqttClient.create(vertx, options);
                client.publishHandler(message -> arrived(message.payload().getBytes()));
                client.subscribeCompletionHandler(granted -> subscribed.complete(null));
                client.connect(uri.getPort(), uri.getHost()).onComplete(result -> {
                    if (result.failed()) {
                        subscribed.completeExceptionally(result.cause());
                    } else {
                        client.subscribe(FILTER, 1);
                    }
                });
            });
            subscribed.get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws Exception {
            if (client != null && client.isConnected()) {
                client.unsubscribe(FILTER);
                client.disconnect().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
            if (vertx != null) {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
    }
}
