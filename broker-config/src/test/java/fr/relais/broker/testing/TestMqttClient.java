package fr.relais.broker.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The MQTT 3.1.1 client of every broker test (development, production and rendered brokers):
 * optional account and TLS, records what arrives as payloads (in order, and the distinct ones)
 * and as "topic payload" lines.
 */
public final class TestMqttClient implements AutoCloseable {
    /** Payloads in arrival order. */
    public final List<String> received = new CopyOnWriteArrayList<>();
    /** Payloads, each once: a QoS 1 redelivery is not a new message. */
    public final Set<String> distinct = ConcurrentHashMap.newKeySet();
    /** "topic payload", for tests that care where a message came from. */
    public final List<String> arrivals = new CopyOnWriteArrayList<>();
    private final MqttClient client;

    private TestMqttClient(MqttClient client) {
        this.client = client;
    }

    /** What to connect with; a null {@code user} connects anonymously. */
    public record Options(String url, String clientId, String user, String password, SocketFactory tls,
            boolean cleanSession) {
        public static Options anonymous(String url, String clientId) {
            return new Options(url, clientId, null, null, null, true);
        }

        public static Options user(String url, String clientId, String user, String password) {
            return new Options(url, clientId, user, password, null, true);
        }

        public Options tls(SocketFactory factory) {
            return new Options(url, clientId, user, password, factory, cleanSession);
        }

        public Options persistentSession() {
            return new Options(url, clientId, user, password, tls, false);
        }
    }

    /** An anonymous clean session, for the development broker. */
    public static TestMqttClient anonymous(String url, String clientId) throws MqttException {
        return connect(Options.anonymous(url, clientId));
    }

    /** An anonymous persistent session: what is published while it is away is queued for it. */
    public static TestMqttClient persistent(String url, String clientId) throws MqttException {
        return connect(Options.anonymous(url, clientId).persistentSession());
    }

    /** A clean session with an account (either may be null) over TLS when {@code tls} is given. */
    public static TestMqttClient connect(String url, String clientId, String user, String password,
            SocketFactory tls) throws MqttException {
        return connect(new Options(url, clientId, user, password, tls, true));
    }

    public static TestMqttClient connect(Options options) throws MqttException {
        MqttClient client = new MqttClient(options.url(), options.clientId(), new MemoryPersistence());
        TestMqttClient test = new TestMqttClient(client);
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                // A refused publish in MQTT 3.1.1 may cost the connection: the tests look at what arrived.
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
                test.received.add(payload);
                test.distinct.add(payload);
                test.arrivals.add(topic + " " + payload);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions connect = new MqttConnectOptions();
        connect.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        connect.setCleanSession(options.cleanSession());
        connect.setMaxInflight(1000);
        connect.setConnectionTimeout(10);
        if (options.user() != null) {
            connect.setUserName(options.user());
        }
        if (options.password() != null) {
            connect.setPassword(options.password().toCharArray());
        }
        if (options.tls() != null) {
            connect.setSocketFactory(options.tls());
        }
        try {
            client.connect(connect);
        } catch (MqttException refused) {
            client.close();
            throw refused;
        }
        return test;
    }

    public void subscribe(String filter) throws MqttException {
        client.subscribe(filter, 1);
    }

    public void publish(String topic, String payload) throws MqttException {
        publish(topic, payload, false);
    }

    public void publishRetained(String topic, String payload) throws MqttException {
        publish(topic, payload, true);
    }

    /**
     * A QoS 1 publish, waited for. Paho 1.2.5 may refuse the next one with "Too many publishes in
     * progress" although the last was acknowledged: the token completes before the in-flight count
     * goes down (paho.mqtt.java issue 551; seen here on a loaded machine in a 20 000-message burst).
     * Such a refusal sent nothing, so the publish is tried again, for at most 10 s.
     */
    private void publish(String topic, String payload, boolean retained) throws MqttException {
        long giveUpAt = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT || System.nanoTime() > giveUpAt) {
                    throw e;
                }
                Thread.onSpinWait();
                Thread.yield();
            }
        }
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** A polite disconnect: a persistent session keeps its subscription and starts queueing. */
    public void disconnect() throws MqttException {
        client.disconnect();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnectForcibly(1000);
        }
        client.close();
    }
}
