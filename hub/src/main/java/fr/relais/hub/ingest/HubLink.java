package fr.relais.hub.ingest;

import fr.relais.protocol.HubState;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Topic;
import fr.relais.protocol.mqtt.BufferedSocketFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>Several hubs may share the work ({@link HubSubscriptions}). They share one retained state
 * topic: when a hub goes (its goodbye or its Will), the others, which watch that topic, say
 * {@code online} again with their own session, so the agents never believe the hub gone while
 * one still runs. A hub that stops cleanly first leaves the share group and takes in what the
 * broker had already queued for it, so its share goes to the others.
 *
 * <p>MQTT 3.1.1, like the agents: every broker the project uses speaks it, including the
 * demo's embedded fallback, which does not speak MQTT 5.
 */
public final class HubLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HubLink.class);
    /** QoS 1 messages the hub may have published and not yet seen acknowledged. */
    static final int MAX_INFLIGHT = 100;
    private static final long RETRY_SECONDS = 2;
    /** How long a stopping hub waits, at most, for what the broker had queued for it. */
    private static final long DRAIN_MILLIS = 15_000;
    /** No message for this long after leaving the share group: the broker has nothing more for it. */
    private static final long QUIET_MILLIS = 500;

    private final MqttSettings settings;
    private final Ingestor ingestor;
    private final Clock clock;
    /** As announced, see {@link OtherHubs}. */
    private final String session;
    private final OtherHubs otherHubs;
    private final MessageCodec codec = new MessageCodec();
    private final MqttAsyncClient client;
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hub-mqtt-connect");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closing;
    private volatile boolean subscribed;
    /** Received at QoS 1 and not yet acknowledged (stored). */
    private final AtomicInteger unacknowledged = new AtomicInteger();
    private volatile long lastArrivalNanos = System.nanoTime();

    public HubLink(MqttSettings settings, Ingestor ingestor, Clock clock, String session) {
        this.settings = settings;
        this.ingestor = ingestor;
        this.clock = clock;
        this.session = OtherHubs.session(settings.clientId(), session);
        this.otherHubs = new OtherHubs(settings.clientId());
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
        return send(topic, payload, false);
    }

    /**
     * Publishes at QoS 1, retained: the broker keeps the latest for a node that subscribes later
     * (a place's kiosk content). Same acknowledgement and failures as {@link #publish}.
     */
    public CompletableFuture<Void> publishRetained(String topic, byte[] payload) throws NotSentException {
        return send(topic, payload, true);
    }

    private CompletableFuture<Void> send(String topic, byte[] payload, boolean retained) throws NotSentException {
        if (closing) {
            throw new NotSentException("the hub is shutting down", null);
        }
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            client.publish(topic, payload, 1, retained, null, new IMqttActionListener() {
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

    private List<String> filters() {
        List<String> filters = new ArrayList<>(HubSubscriptions.shared(settings.shareGroup()));
        filters.addAll(HubSubscriptions.everyHub());
        return filters;
    }

    private void connected() {
        List<String> filters = filters();
        try {
            int[] qos = new int[filters.size()];
            java.util.Arrays.fill(qos, 1);
            IMqttToken token = client.subscribe(filters.toArray(String[]::new), qos);
            token.waitForCompletion(10_000);
            int[] granted = token.getGrantedQos();
            for (int i = 0; i < granted.length && i < filters.size(); i++) {
                if (granted[i] == 0x80) {
                    // An ACL, or a broker without shared subscriptions: say it, the rest still works.
                    LOG.error("the broker {} refused the subscription {}", settings.url(), filters.get(i));
                }
            }
            subscribed = true;
            announceOnline();
            LOG.info("hub connected to {} as {} in share group {}, session {}", settings.url(), settings.clientId(),
                    settings.shareGroup(), session);
        } catch (MqttException e) {
            LOG.error("cannot subscribe on {}: {}", settings.url(), e.toString());
        }
    }

    private void announceOnline() {
        try {
            client.publish(Topic.HUB_STATE, state(Presence.ONLINE), 1, true);
        } catch (MqttException e) {
            LOG.warn("cannot publish the hub's state: {}", e.toString());
        }
    }

    /**
     * Keeps track of which other hubs are online, from their states (the retained one seen on
     * subscribing, then the live ones). When another hub says it is gone (its goodbye or its Will,
     * live), this one, still here, says so, which also tells the agents to send their births
     * again.
     */
    private void siblingState(byte[] payload, boolean retained) {
        try {
            HubState other = codec.decode(Topic.hubState(), payload, HubState.class);
            if (otherHubs.seen(other) && !retained && subscribed && !closing) {
                LOG.info("hub session {} is {}; this hub ({}) is still online", other.session(),
                        other.state().wire(), session);
                connector.execute(this::announceOnline);
            }
        } catch (fr.relais.protocol.InvalidMessageException | RuntimeException e) {
            LOG.warn("ignoring an unreadable hub state: {}", e.toString());
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
        unacknowledged.decrementAndGet();
        try {
            client.messageArrivedComplete(id, qos);
        } catch (MqttException e) {
            throw new IllegalStateException("cannot acknowledge message " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Leaves the share group and takes in what the broker had queued for this hub (the ingestion
     * writer must still run), then says {@code offline} and disconnects: the broker discards the
     * Will and keeps what the hub has not acknowledged for its next session. Whatever happens,
     * the client is closed for good, so it can never reconnect behind a new hub with the same
     * client id.
     */
    @Override
    public void close() {
        closing = true;
        connector.shutdownNow();
        drain();
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

    /**
     * Mosquitto queues a shared subscription's messages for a member even while it is
     * disconnected: a hub that just left would keep its share until it came back. If another hub
     * of the group is online, unsubscribing first sends the new messages to it; then this hub
     * waits until what was already queued for it has arrived and been stored. The last hub keeps
     * its subscriptions: the broker must queue for its next start, or what the nodes send
     * meanwhile would go to no one and be lost.
     */
    private void drain() {
        if (!client.isConnected() || !subscribed || !settings.sharing()) {
            return;
        }
        if (!otherHubs.anyOnline()) {
            LOG.info("no other hub known online: the broker queues for this hub ({}) until it is back",
                    settings.clientId());
            return;
        }
        LOG.info("leaving the share group to {}", otherHubs);
        try {
            // Everything, states included: what still arrives afterwards was queued before.
            client.unsubscribe(filters().toArray(String[]::new)).waitForCompletion(5_000);
        } catch (MqttException e) {
            LOG.warn("cannot leave the share group: {}", e.toString());
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        try {
            while (System.nanoTime() < deadline && client.isConnected()
                    && (unacknowledged.get() > 0
                    || System.nanoTime() - lastArrivalNanos < TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS))) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (unacknowledged.get() > 0) {
            LOG.warn("stopping with {} messages not stored; the broker keeps them for this hub's next session",
                    unacknowledged.get());
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
            lastArrivalNanos = System.nanoTime();
            if (Topic.HUB_STATE.equals(topic)) {
                siblingState(message.getPayload(), message.isRetained());
                if (qos > 0) {
                    unacknowledged.incrementAndGet();
                }
                acknowledge(id, qos);
                return;
            }
            if (qos > 0) {
                unacknowledged.incrementAndGet();
            }
            try {
                ingestor.accept(topic, message.getPayload(), () -> acknowledge(id, qos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                if (qos > 0) {
                    unacknowledged.decrementAndGet();
                }
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
