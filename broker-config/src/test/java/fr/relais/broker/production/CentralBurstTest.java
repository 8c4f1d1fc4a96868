package fr.relais.broker.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.broker.testing.TestMqttClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The burst that stock mosquitto loses 85% of: the hub's persistent session is offline while the
 * nodes publish 100 000 QoS 1 messages; when it returns it receives every one.
 */
class CentralBurstTest {
    private static final int BURST = 100_000;
    private static final int PUBLISHERS = 4;
    /** Unacknowledged publishes per publisher: keeps the pipe full without overflowing Paho. */
    private static final int WINDOW = 500;
    /** About the size of a telemetry envelope, so the byte limit is exercised like in production. */
    private static final String PADDING = "x".repeat(300);

    @Test
    void anOfflineHubReceivesEveryMessageOfTheBurst(@TempDir Path dir) throws Exception {
        try (CentralFixture central = CentralFixture.start(dir)) {
            try (TestMqttClient hub = TestMqttClient.connect(central.hub("hub").persistentSession())) {
                hub.subscribe("relais/v1/+/+/telemetry");
            }
            List<Thread> publishers = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                int first = p * (BURST / PUBLISHERS);
                Thread publisher = new Thread(() -> {
                    try {
                        publish(central, "publisher-" + first, first, BURST / PUBLISHERS);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "publisher-" + p);
                publisher.start();
                publishers.add(publisher);
            }
            for (Thread publisher : publishers) {
                publisher.join();
            }
            assertThat(failure.get()).isNull();

            try (TestMqttClient hub = TestMqttClient.connect(central.hub("hub").persistentSession())) {
                await().atMost(Duration.ofMinutes(3)).until(() -> hub.distinct.size() >= BURST);
                assertThat(hub.distinct).hasSize(BURST);
            }
        }
    }

    /** Publishes {@code count} distinct messages as node-a, at most WINDOW unacknowledged at a time. */
    private static void publish(CentralFixture central, String clientId, int first, int count) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(central.localUrl(), clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("node-a");
        options.setPassword(CentralFixture.NODE_PASSWORD.toCharArray());
        options.setMaxInflight(WINDOW);
        client.connect(options).waitForCompletion(10_000);
        Semaphore window = new Semaphore(WINDOW);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        IMqttActionListener release = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                failure.compareAndSet(null, cause);
                window.release();
            }
        };
        for (int i = first; i < first + count && failure.get() == null; i++) {
            window.acquire();
            byte[] payload = (i + " " + PADDING).getBytes(StandardCharsets.UTF_8);
            client.publish("relais/v1/site-a/node-a/telemetry", payload, 1, false, null, release);
        }
        if (!window.tryAcquire(WINDOW, 2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the broker did not acknowledge the last publishes");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a publish failed", failure.get());
        }
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }
}
