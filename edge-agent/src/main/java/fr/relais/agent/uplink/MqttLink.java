package fr.relais.agent.uplink;

import fr.relais.agent.config.BrokerSettings;
import fr.relais.protocol.mqtt.BufferedSocketFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The only class that touches Paho. The asynchronous client with {@link MemoryPersistence}:
 * Paho's default file persistence fsyncs one file per QoS 1 message, and the agent's SQLite
 * file, not Paho, is what keeps messages across restarts.
 */
final class MqttLink {
    /** A retained message the broker publishes for us if the connection dies without a goodbye. */
    record Will(String topic, byte[] payload) {
    }

    /** A message that arrived on a subscription; {@code retained} if it predates the subscription. */
    interface Inbound {
        /** @param acknowledge sends the PUBACK; until then the broker will deliver it again */
        void arrived(String topic, byte[] payload, boolean retained, Runnable acknowledge);
    }

    private final BrokerSettings settings;
    private final MqttAsyncClient client;
    /** Built once: the TLS material was parsed with the configuration and does not change. */
    private final SocketFactory socketFactory;

    private final int maxInflight;
    /** Counts connections, so an acknowledgement never crosses from one to the next. */
    private final AtomicInteger connections = new AtomicInteger();

    MqttLink(BrokerSettings settings, int maxInflight, String clientId, Consumer<Throwable> onConnectionLost,
             Inbound onMessage) {
        this.settings = settings;
        this.maxInflight = maxInflight;
        this.socketFactory = socketFactory(settings);
        try {
            this.client = new MqttAsyncClient(settings.url(), clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot create an MQTT client for " + settings.url(), e);
        }
        // Commands are acknowledged once recorded, not on arrival: a crash in between must not lose one.
        client.setManualAcks(true);
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                onConnectionLost.accept(cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                int id = message.getId();
                int qos = message.getQos();
                int connection = connections.get();
                onMessage.arrived(topic, message.getPayload(), message.isRetained(),
                        () -> acknowledge(connection, id, qos));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // Publishers follow their own tokens.
            }
        });
    }

    /**
     * Sends the PUBACK of a message, unless the connection it came on is gone: packet ids belong
     * to a connection, and the broker delivers an unacknowledged message again anyway.
     */
    private void acknowledge(int connection, int id, int qos) {
        if (qos == 0 || connection != connections.get()) {
            return;
        }
        try {
            client.messageArrivedComplete(id, qos);
        } catch (MqttException e) {
            // The connection dropped meanwhile; the broker delivers the message again.
        }
    }

    CompletableFuture<Void> connect(Will will) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        // A persistent session keeps the node's command subscription while the link is down.
        options.setCleanSession(false);
        options.setAutomaticReconnect(false); // the Uplink reconnects itself, with a new bdSeq each time
        options.setMaxInflight(maxInflight);
        options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        options.setConnectionTimeout((int) settings.connectTimeout().toSeconds());
        settings.username().ifPresent(options::setUserName);
        settings.password().ifPresent(password -> options.setPassword(password.toCharArray()));
        options.setWill(will.topic(), will.payload(), 1, true);
        if (socketFactory != null) {
            options.setSocketFactory(socketFactory);
        }
        // Paho's default, stated because the private CA's trust depends on it: the broker's
        // certificate must name the host of broker.url (checked by the JDK during the handshake).
        options.setHttpsHostnameVerificationEnabled(true);
        CompletableFuture<Void> attempt = new CompletableFuture<>();
        connections.incrementAndGet();
        try {
            client.connect(options, null, completing(attempt));
        } catch (MqttException e) {
            attempt.completeExceptionally(e);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        attempt.whenComplete((ok, failure) -> {
            if (failure == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(new ConnectFailure(BrokerTls.explain(failure, settings.url(),
                        settings.tls().isPresent()), failure));
            }
        });
        return done;
    }

    /**
     * Buffered plain sockets for tcp://; for ssl:// with a private CA, sockets that trust only it;
     * null for ssl:// without: Paho's default, the JVM's trusted CAs.
     */
    private static SocketFactory socketFactory(BrokerSettings settings) {
        if (settings.url().startsWith("tcp://")) {
            return new BufferedSocketFactory();
        }
        return settings.tls().map(BrokerTls::socketFactory).orElse(null);
    }

    /** A failed connection attempt whose message carries the causes Paho's message leaves out. */
    static final class ConnectFailure extends Exception {
        private static final long serialVersionUID = 1L;

        ConnectFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Completes when the broker has acknowledged the message (PUBACK). */
    CompletableFuture<Void> publish(String topic, byte[] payload, boolean retained) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            client.publish(topic, payload, 1, retained, null, completing(done));
        } catch (MqttException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    CompletableFuture<Void> subscribe(String filter) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            client.subscribe(filter, 1, null, completing(done));
        } catch (MqttException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    boolean isConnected() {
        return client.isConnected();
    }

    /** A polite goodbye: the broker discards the Will. */
    CompletableFuture<Void> disconnect() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            client.disconnect(2_000, null, completing(done));
        } catch (MqttException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    void close() {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(1_000, 1_000);
            }
            client.close();
        } catch (MqttException e) {
            // Closing a client that is already gone; nothing else to release.
        }
    }

    private static IMqttActionListener completing(CompletableFuture<Void> done) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                done.complete(null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                done.completeExceptionally(failure);
            }
        };
    }
}
