package fr.relais.broker;

import static org.awaitility.Awaitility.await;

import fr.relais.broker.testing.TestMqttClient;
import io.moquette.broker.Server;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fallback broker of the demo really carries MQTT traffic. */
class DevBrokerTest {
    @Test
    void carriesMessages(@TempDir Path data) throws Exception {
        int port = MosquittoProcess.freePort();
        Server server = DevBroker.start(port, data);
        try (TestMqttClient subscriber = TestMqttClient.anonymous("tcp://127.0.0.1:" + port, "sub");
             TestMqttClient publisher = TestMqttClient.anonymous("tcp://127.0.0.1:" + port, "pub")) {
            subscriber.subscribe("relais/v1/#");
            publisher.publish("relais/v1/a/b/state", "online");
            await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received.contains("online"));
        } finally {
            server.stopServer();
        }
    }

    /**
     * A place's kiosk content is up to 200 000 bytes: Moquette's default frame limit (8 092 bytes)
     * closed the publisher's connection instead, so the demo's hub reconnected every second.
     */
    @Test
    void carriesAPlacesWholeContent(@TempDir Path data) throws Exception {
        int port = MosquittoProcess.freePort();
        Server server = DevBroker.start(port, data);
        String content = "x".repeat(200_000);
        try (TestMqttClient subscriber = TestMqttClient.anonymous("tcp://127.0.0.1:" + port, "sub");
             TestMqttClient publisher = TestMqttClient.anonymous("tcp://127.0.0.1:" + port, "pub")) {
            subscriber.subscribe("relais/v1/#");
            publisher.publish("relais/v1/a/b/content", content);
            await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received.contains(content));
        } finally {
            server.stopServer();
        }
    }
}
