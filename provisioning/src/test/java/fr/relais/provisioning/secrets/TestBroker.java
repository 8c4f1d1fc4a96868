package fr.relais.provisioning.secrets;

import fr.relais.broker.MosquittoProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A real mosquitto on a configuration of the test's own, and a Paho client to knock on its door. */
public final class TestBroker {
    /** Long enough for a busy 2-core machine; a wait bound, not an assertion on timing. */
    private static final long CONNECT_WAIT_MILLIS = 20_000;

    private TestBroker() {
    }

    /**
     * Lines every test configuration starts with. Started as root, mosquitto 2.0 drops to its own
     * user before reading password and certificate files, and could not read a test's private
     * temporary folder; these brokers only listen on loopback.
     */
    public static String preamble() {
        return "root".equals(System.getProperty("user.name")) ? "user root\n" : "";
    }

    /** Writes {@code config} to {@code dir/mosquitto.conf} and starts mosquitto on it; {@code port} must be a listener. */
    public static MosquittoProcess start(Path dir, String config, int port) throws IOException {
        Path file = dir.resolve("mosquitto.conf");
        Files.writeString(file, preamble() + config, StandardCharsets.UTF_8);
        return MosquittoProcess.startWithConfig(file, dir.resolve("broker"), port);
    }

    /**
     * Connects an MQTT 3.1.1 client and returns it connected, or throws what the broker (or the TLS
     * handshake) answered. {@code user} null means no credentials; {@code sockets} null means plain TCP.
     */
    public static MqttAsyncClient connect(String url, String user, String password, SocketFactory sockets)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, MqttAsyncClient.generateClientId(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(20);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.toCharArray());
        }
        if (sockets != null) {
            options.setSocketFactory(sockets);
        }
        try {
            client.connect(options).waitForCompletion(CONNECT_WAIT_MILLIS);
            return client;
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
    }

    /** Disconnects and frees a client from {@link #connect}. */
    public static void closeQuietly(MqttAsyncClient client) {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(1000, 1000);
            }
            client.close(true);
        } catch (MqttException ignored) {
            // The test is over; a client that will not close cleanly changes nothing.
        }
    }
}
