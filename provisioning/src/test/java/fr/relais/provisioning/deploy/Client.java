package fr.relais.provisioning.deploy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * An MQTT client for the deployment tests: connects with a username and password (over TLS
 * with a given CA, or plain), records "topic payload" of what arrives.
 */
final class Client implements AutoCloseable {
    final List<String> received = new CopyOnWriteArrayList<>();
    private final MqttClient client;

    private Client(String url, String clientId) throws MqttException {
        client = new MqttClient(url, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                // A refused publish in MQTT 3.1.1 may cost the connection: the tests look at what arrived.
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
    }

    static Client connect(String url, String clientId, String username, String password, SSLSocketFactory tls)
            throws MqttException {
        Client connected = new Client(url, clientId);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.toCharArray());
        }
        if (tls != null) {
            options.setSocketFactory(tls);
        }
        try {
            connected.client.connect(options);
        } catch (MqttException e) {
            connected.client.close();
            throw e;
        }
        return connected;
    }

    void subscribe(String filter) throws MqttException {
        client.subscribe(filter, 1);
    }

    void publish(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnectForcibly(1000);
        }
        client.close();
    }
}
