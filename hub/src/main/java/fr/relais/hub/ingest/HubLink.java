package fr.relais.hub.ingest;

import fr.relais.protocol.HubState;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Topic;
import fr.relais.protocol.mqtt.BufferedSocketFactory;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's MQTT session: subscribes to everything nodes publish, publishes the technicians'
 * commands, and keeps the hub's own retained state, with a Last Will, so agents know when it is
 * there. The session is persistent (clean session off): while the hub restarts, the broker
 * queues what the nodes send.
 *
 * <p>MQTT 3.1.1, like the agents: every broker the project uses speaks it, including the
 * demo's embedded fallback, which does not speak MQTT 5.
 */
public final class HubLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HubLink.class);
    /** QoS 1 messages the hub may have published and not yet seen acknowledged. */
    static final int MAX_INFLIGHT = 100;
    private static final long RETRY_SECONDS = 2;

    private final MqttSettings settings;
    private final Ingestor ingestor;
    private final Clock clock;
    private final String session;
    private final MessageCodec codec = new MessageCodec();
    private final MqttAsyncClient client;
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hub-mqtt-connect");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closing;
    private volatile boolean subscribed;

    public HubLink(MqttSettings settings, Ingestor ingestor, Clock clock, String session) {
        this.settings = settings;
        this.ingestor = ingestor;
        this.clock = clock;
        this.session = session;
        try {
            this.client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot create an MQTT client for " + settings.url(), e);
        }
        client.setCallback(new Callback());
        // Acknowledge after the database commit, not when the message is handed over.
        client.setManualAcks(true);
    }

    /** Connects in the background, retrying until the broker answers. */
    public void start() {
        connector.execute(this::connect);
    }

    /** Connected and subscribed: from now on the broker queues node messages for the hub. */
    public boolean isConnected() {
        return subscribed && client.isConnected();
    }

    /**
     * Publishes at QoS 1, not retained. The future completes when the broker acknowledges it
     * (PUBACK), on Paho's thread: move any slow work elsewhere. A failed future does not prove
     * the message was lost: after a connection loss Paho fails the token but still resends the
     * message from its session once reconnected.
     *
     * @throws NotSentException if the client did not take the message, which therefore never left
     */
    public CompletableFuture<Void> publish(String topic, byte[] payload) throws NotSentException {
        if (closing) {
            throw new NotSentException("the hub is shutting down", null);
        }
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            client.publish(topic, payload, 1, false, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    acknowledged.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    acknowledged.completeExceptionally(failure);
                }
            });
        } catch (MqttException e) {
            throw new NotSentException("the MQTT client refused it: " + e.getMessage() + " (" + e.getReasonCode() + ")",
                    e);
        }
        return acknowledged;
    }

    private void connect() {
        if (closing) {
            return;
        }
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        // After a first success, Paho reconnects by itself (up to every 2 minutes).
        options.setAutomaticReconnect(true);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        options.setMaxInflight(MAX_INFLIGHT);
        settings.username().ifPresent(options::setUserName);
        settings.password().ifPresent(password -> options.setPassword(password.toCharArray()));
        options.setWill(Topic.HUB_STATE, state(Presence.LOST), 1, true);
        if (settings.url().startsWith("tcp://")) {
            options.setSocketFactory(new BufferedSocketFactory());
        }
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // connectComplete subscribes and announces.
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    retryLater(failure);
                }
            });
        } catch (MqttException e) {
            retryLater(e);
        }
    }

    private void retryLater(Throwable failure) {
        if (closing) {
            return;
        }
        LOG.warn("cannot connect to the broker {}: {}; retrying in {} s", settings.url(), failure.toString(),
                RETRY_SECONDS);
        connector.schedule(this::connect, RETRY_SECONDS, TimeUnit.SECONDS);
    }

    private byte[] state(Presence presence) {
        return codec.encode(new HubState(presence, session, clock.instant()));
    }

    private void connected() {
        List<String> filters = Topic.hubSubscriptions();
        try {
            for (String filter : filters) {
                client.subscribe(filter, 1).waitForCompletion(10_000);
            }
            subscribed = true;
            client.publish(Topic.HUB_STATE, state(Presence.ONLINE), 1, true);
            LOG.info("hub connected to {} as {}, session {}", settings.url(), settings.clientId(), session);
        } catch (MqttException e) {
            LOG.error("cannot subscribe on {}: {}", settings.url(), e.toString());
        }
    }

    /**
     * Acknowledges a message to the broker, once it is stored. After a reconnect the broker sends
     * unacknowledged messages again under the same packet ids, so a late acknowledgement still
     * names the right message.
     */
    private void acknowledge(int id, int qos) {
        if (qos == 0) {
            return;
        }
        try {
            client.messageArrivedComplete(id, qos);
        } catch (MqttException e) {
            throw new IllegalStateException("cannot acknowledge message " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Says {@code offline}, then disconnects: the broker discards the Will and keeps what the hub
     * has not acknowledged for its next session. Whatever happens, the client is closed for good,
     * so it can never reconnect behind a new hub with the same client id.
     */
    @Override
    public void close() {
        closing = true;
        connector.shutdownNow();
        try {
            if (client.isConnected()) {
                client.publish(Topic.HUB_STATE, state(Presence.OFFLINE), 1, true).waitForCompletion(2_000);
                client.disconnect().waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            LOG.warn("no clean goodbye from the hub: {}", e.toString());
        }
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1_000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.warn("closing the hub's MQTT client: {}", e.toString());
        }
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // Subscribing waits for the broker; never on Paho's own callback thread.
            connector.execute(HubLink.this::connected);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            int id = message.getId();
            int qos = message.getQos();
            try {
                ingestor.accept(topic, message.getPayload(), () -> acknowledge(id, qos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // Not acknowledged, so the broker will deliver it again; ingestion goes on.
                LOG.error("ingestion failed for a message on {}", topic, e);
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            subscribed = false;
            if (!closing) {
                LOG.warn("hub disconnected from the broker: {}; reconnecting", String.valueOf(cause));
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Commands are followed through the listener given to publish().
        }
    }
}
