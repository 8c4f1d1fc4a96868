package fr.relais.hub.ingest;

import fr.relais.protocol.HubState;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Topic;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's MQTT session (Paho, MQTT 5): subscribes to everything nodes publish, and keeps the
 * hub's own retained state, with a Last Will, so agents know when it is there. The session is
 * persistent: while the hub restarts, the broker queues what the nodes send.
 */
public final class HubLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HubLink.class);
    /** How long the broker keeps the hub's session (and queues for it) while it is away. */
    static final long SESSION_EXPIRY_SECONDS = 7 * 24 * 3600L;
    /** QoS 1 messages the broker may have in flight to the hub at once. */
    static final int RECEIVE_MAXIMUM = 1_000;

    private final MqttSettings settings;
    private final Ingestor ingestor;
    private final Clock clock;
    private final String session;
    private final MessageCodec codec = new MessageCodec();
    private final MqttAsyncClient client;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hub-mqtt-connect");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closing;

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
    }

    /** Connects in the background, retrying until the broker answers. */
    public void start() {
        retries.execute(this::connect);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    private void connect() {
        if (closing) {
            return;
        }
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 60);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        options.setReceiveMaximum(RECEIVE_MAXIMUM);
        settings.username().ifPresent(options::setUserName);
        settings.password().ifPresent(password -> options.setPassword(password.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)));
        options.setWill(Topic.HUB_STATE, retained(Presence.LOST));
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // connectComplete subscribes and announces.
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    LOG.warn("cannot connect to the broker {}: {}; retrying in 2 s", settings.url(), failure.toString());
                    retries.schedule(HubLink.this::connect, 2, TimeUnit.SECONDS);
                }
            });
        } catch (MqttException e) {
            LOG.warn("cannot connect to the broker {}: {}; retrying in 2 s", settings.url(), e.toString());
            retries.schedule(this::connect, 2, TimeUnit.SECONDS);
        }
    }

    private MqttMessage retained(Presence presence) {
        MqttMessage message = new MqttMessage(codec.encode(new HubState(presence, session, clock.instant())));
        message.setQos(1);
        message.setRetained(true);
        return message;
    }

    private void connected() {
        List<String> filters = Topic.hubSubscriptions();
        try {
            for (String filter : filters) {
                client.subscribe(filter, 1).waitForCompletion(10_000);
            }
            client.publish(Topic.HUB_STATE, retained(Presence.ONLINE));
            LOG.info("hub connected to {} as {}, session {}", settings.url(), settings.clientId(), session);
        } catch (MqttException e) {
            LOG.error("cannot subscribe on {}: {}", settings.url(), e.toString());
        }
    }

    /** Says {@code offline}, then disconnects: the broker discards the Will. */
    @Override
    public void close() {
        closing = true;
        retries.shutdownNow();
        try {
            if (client.isConnected()) {
                client.publish(Topic.HUB_STATE, retained(Presence.OFFLINE)).waitForCompletion(2_000);
                client.disconnect().waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            LOG.warn("no clean goodbye from the hub: {}", e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("closing the MQTT client: {}", e.toString());
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // Subscribing waits for the broker; never do it on Paho's own callback thread.
            retries.execute(HubLink.this::connected);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                ingestor.accept(topic, message.getPayload());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // An exception here would make Paho drop the connection; ingestion must go on.
                LOG.error("ingestion failed for a message on {}", topic, e);
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (!closing) {
                LOG.warn("hub disconnected from the broker: {}; reconnecting", response);
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error: {}", exception.toString());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // The hub only publishes its state and waits for it where it matters.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication.
        }
    }
}
