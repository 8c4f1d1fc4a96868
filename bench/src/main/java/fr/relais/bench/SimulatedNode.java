package fr.relais.bench;

import fr.relais.protocol.Presence;
import fr.relais.protocol.mqtt.BufferedSocketFactory;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * One simulated edge agent: its own Paho client and in-flight window. Only the publishing
 * thread that owns it sends; Paho's callback thread only returns window slots, counts
 * acknowledgements and queues failed messages for that thread to send again.
 */
final class SimulatedNode implements AutoCloseable {
    /**
     * Paho's own limit of QoS 1 messages in flight. Its default of 10 overflows as an error
     * (32202) rather than back-pressure, so it is set explicitly, above the window below.
     */
    static final int PAHO_MAX_INFLIGHT = 100;
    /**
     * Messages in flight per node, kept here. Each message is stamped when it is built, so what
     * waits in the window counts in the latency: with 100 per node, 20 000 messages sat in the
     * publishers' queues and the latency measured mostly those, at the same throughput as 20.
     */
    static final int MAX_INFLIGHT = 20;
    /**
     * The window is refilled only once half of it is free, in one burst. Two hundred clients on one
     * machine each sending one message per acknowledgement woke Paho's sender, receiver and
     * callback threads once per message; in bursts, each wake-up carries several messages, as an
     * agent's outbox replay does, and the load generator leaves more CPU to the broker and the hub
     * (the raw pipe went from about 7 000 to 9 000 messages/s here).
     */
    static final int REFILL_AT = MAX_INFLIGHT / 2;

    private final NodeMessages messages;
    private final MqttAsyncClient client;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Failed publishes, sent again as they were (same message id): the hub drops a copy that did land. */
    private final Queue<Outgoing> retries = new ConcurrentLinkedQueue<>();
    /** One for all of the node's publishes: the message rides in the token's user context. */
    private final IMqttActionListener acknowledgements = new Acknowledgements();
    private volatile Round round;
    private long nextSeq;
    private long telemetryLeft;
    private long issued;

    /** A payload on its way, and whether it counts as a telemetry message sent. */
    record Outgoing(String topic, byte[] payload, boolean retained, boolean telemetry) {
    }

    /** What one publishing pass counts and whom it wakes when a window slot frees up. */
    interface Round {
        void acknowledged(Outgoing message);

        void failed(Outgoing message, Throwable cause);

        /** The node can take a burst again: wake the thread that drives it. */
        void refillDue();
    }

    SimulatedNode(String brokerUrl, NodeMessages messages, String clientId) throws MqttException {
        this.messages = messages;
        this.client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
    }

    /** Connects with the node's Last Will, as an agent does, so its state is honest if it dies. */
    IMqttToken connect() throws MqttException {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        // A clean session: a publish cut by a lost connection fails its token and is sent again
        // by this class, never silently by Paho as well.
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setMaxInflight(PAHO_MAX_INFLIGHT);
        options.setKeepAliveInterval(60);
        options.setConnectionTimeout(30);
        options.setWill(messages.stateTopic(), messages.state(Presence.LOST), 1, true);
        options.setSocketFactory(new BufferedSocketFactory());
        return client.connect(options);
    }

    /** Publishes the retained {@code online} state and the birth, and waits for both PUBACKs. */
    void announce(long timeoutMillis) throws MqttException {
        IMqttToken state = client.publish(messages.stateTopic(), messages.state(Presence.ONLINE), 1, true);
        IMqttToken birth = client.publish(messages.birthTopic(), messages.birth(), 1, false);
        state.waitForCompletion(timeoutMillis);
        birth.waitForCompletion(timeoutMillis);
    }

    /**
     * Prepares a pass of {@code count} readings numbered from {@code firstSeq}: 1 right after the
     * birth, further on for a pass that continues the node's numbering without a new birth.
     */
    void startTelemetry(long count, long firstSeq, Round pass) {
        this.round = pass;
        this.nextSeq = firstSeq;
        this.telemetryLeft = count;
        this.issued = 0;
        this.retries.clear();
    }

    /**
     * Sends what fits in the window: failed messages first, then, if {@code newReadings}, new
     * readings, each stamped as it leaves. Returns how many it handed to Paho; stops early if Paho
     * refuses one (not connected).
     */
    int sendWhatFits(boolean newReadings) {
        int sent = 0;
        if (inFlight.get() > REFILL_AT) {
            return 0;
        }
        while (inFlight.get() < MAX_INFLIGHT) {
            Outgoing next = retries.poll();
            if (next == null) {
                if (telemetryLeft == 0 || !newReadings) {
                    break;
                }
                next = new Outgoing(messages.telemetryTopic(), messages.telemetry(nextSeq++), false, true);
                telemetryLeft--;
                issued++;
            }
            if (!send(next)) {
                break;
            }
            sent++;
        }
        return sent;
    }

    /** Every reading of the pass has been acknowledged. */
    boolean done() {
        return telemetryLeft == 0 && retries.isEmpty() && inFlight.get() == 0;
    }

    /** New readings of this pass built so far (read by the thread that drives the node). */
    long issued() {
        return issued;
    }

    private boolean send(Outgoing message) {
        inFlight.incrementAndGet();
        try {
            client.publish(message.topic(), message.payload(), 1, message.retained(), message, acknowledgements);
            return true;
        } catch (MqttException refused) {
            // Not connected (Paho is reconnecting) or its window is full: keep it for the next turn.
            retries.add(message);
            inFlight.decrementAndGet();
            round.failed(message, refused);
            return false;
        }
    }

    /** Paho's callback thread: counts, returns window slots, queues failed messages. */
    private final class Acknowledgements implements IMqttActionListener {
        @Override
        public void onSuccess(IMqttToken token) {
            Round pass = round;
            // Counted before the slot is returned, so a node seen done has all its counts in.
            pass.acknowledged((Outgoing) token.getUserContext());
            int left = inFlight.decrementAndGet();
            if (left == REFILL_AT || left == 0) {
                pass.refillDue();
            }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
            Round pass = round;
            Outgoing message = (Outgoing) token.getUserContext();
            retries.add(message);
            inFlight.decrementAndGet();
            pass.failed(message, failure);
            pass.refillDue();
        }
    }

    /** A polite goodbye (the broker discards the Will), then the client's threads are released. */
    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.publish(messages.stateTopic(), messages.state(Presence.OFFLINE), 1, true)
                        .waitForCompletion(TimeUnit.SECONDS.toMillis(5));
                client.disconnect().waitForCompletion(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (MqttException e) {
            // The broker stops right after the benchmark; a missing goodbye changes no figure.
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // Same: nothing left to release that the JVM's exit would not.
        }
    }
}
