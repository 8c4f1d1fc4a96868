package fr.relais.broker.production;

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
 * An MQTT 3.1.1 client of the production brokers for the tests: optional account and TLS,
 * records every payload that arrives (in order, and the distinct ones).
 */
final class TestClient implements AutoCloseable {
    final List<String> received = new CopyOnWriteArrayList<>();
    final Set<String> distinct = ConcurrentHashMap.newKeySet();
    private final MqttClient client;

    private TestClient(MqttClient client) {
        this.client = client;
    }

    /** What to connect with; {@code user == null} connects anonymously. */
    record Options(String url, String clientId, String user, String password, SocketFactory tls, boolean cleanSession) {
        static Options anonymous(String url, String clientId) {
            return new Options(url, clientId, null, null, null, true);
        }

        static Options user(String url, String clientId, String user, String password) {
            return new Options(url, clientId, user, password, null, true);
        }

        Options tls(SocketFactory factory) {
            return new Options(url, clientId, user, password, factory, cleanSession);
        }

        Options persistentSession() {
            return new Options(url, clientId, user, password, tls, false);
        }
    }

    static TestClient connect(Options options) throws MqttException {
        MqttClient client = new MqttClient(options.url(), options.clientId(), new MemoryPersistence());
        TestClient test = new TestClient(client);
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
                test.received.add(payload);
                test.distinct.add(payload);
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

    void subscribe(String filter) throws MqttException {
        client.subscribe(filter, 1);
    }

    void publish(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    void publishRetained(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, true);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
