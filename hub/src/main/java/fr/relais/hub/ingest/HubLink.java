package fr.relais.hub.ingest;

import fr.relais.protocol.HubState;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Topic;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubAckMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's MQTT session: subscribes to everything nodes publish, publishes the technicians'
 * commands, and keeps the hub's own retained state, with a Last Will, so agents know when it is
 * there. The session is persistent (clean session off): while the hub restarts, the broker
 * queues what the nodes send. A message is acknowledged to the broker only once it is stored.
 *
 * <p>Several hubs may share the work ({@link HubSubscriptions}). They share one retained state
 * topic: when a hub goes (its goodbye or its Will), the others, which watch that topic, say
 * {@code online} again with their own session, so the agents never believe the hub gone while
 * one still runs. A hub that stops cleanly first leaves the share group and takes in what the
 * broker had already queued for it, so its share goes to the others.
 *
 * <p>MQTT 3.1.1, like the agents: every broker the project uses speaks it, including the
 * demo's embedded fallback, which does not speak MQTT 5.
 *
 * <p>Built on Vert.x MQTT (Netty decodes each PUBLISH from its buffers), on a Vert.x of its own
 * with one event loop ({@link LinkThread}): everything about the connection happens on that one
 * thread, including {@link Ingestor#accept}, which blocks when the ingestion queue is full and so
 * stops the reading of the socket, the hub's back-pressure. The library does not reconnect and
 * keeps nothing from one connection to the next: this class connects again every
 * {@value #RETRY_SECONDS} s after a loss or a failed attempt, with a new client each time, and
 * subscribes and announces again on each connection.
 */
public final class HubLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HubLink.class);
    /** QoS 1 messages the hub may have published and not yet seen acknowledged. */
    static final int MAX_INFLIGHT = 100;
    /** Room beyond {@link #MAX_INFLIGHT} for the hub's own state, which is never refused for lack of it. */
    private static final int STATE_INFLIGHT = 10;
    private static final long RETRY_SECONDS = 2;
    private static final int KEEP_ALIVE_SECONDS = 30;
    private static final long CONNECT_TIMEOUT_MILLIS = 10_000;
    /** What mosquitto may hand over at most (MQTT's largest remaining length): everything goes to the Ingestor. */
    private static final int MAX_PACKET_BYTES = 268_435_455;
    private static final long GOODBYE_MILLIS = 2_000;

    private final MqttSettings settings;
    private final BrokerAddress broker;
    private final Ingestor ingestor;
    private final Clock clock;
    /** As announced, see {@link OtherHubs}. */
    private final String session;
    private final OtherHubs otherHubs;
    private final MessageCodec codec = new MessageCodec();
    private final LinkThread thread;
    private final Acknowledgements acknowledgements;
    /** The hub's own publications in flight, all connections together. */
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Run once at the next subscribed connection; link thread only. */
    private final List<Runnable> whenConnected = new ArrayList<>();
    /** The current connection's client and what it follows; replaced on the link's thread only. */
    private volatile MqttClient client;
    private volatile Publications publications;
    private volatile boolean closing;
    private volatile boolean subscribed;
    private final GroupExit groupExit = new GroupExit();

    public HubLink(MqttSettings settings, Ingestor ingestor, Clock clock, String session) {
        this.settings = settings;
        this.broker = BrokerAddress.parse(settings.url());
        this.ingestor = ingestor;
        this.clock = clock;
        this.session = OtherHubs.session(settings.clientId(), session);
        this.otherHubs = new OtherHubs(settings.clientId());
        this.thread = new LinkThread(settings.clientId());
        this.acknowledgements = new Acknowledgements();
    }

    /** Connects in the background, retrying until the broker answers. */
    public void start() {
        thread.context().runOnContext(ignored -> connect());
    }

    /** Connected and subscribed: from now on the broker queues node messages for the hub. */
    public boolean isConnected() {
        MqttClient current = client;
        return subscribed && current != null && current.isConnected();
    }

    /**
     * Runs {@code action} once, the next time the link is connected and subscribed (at once if it
     * is now), on the link's thread: hand any work over to another thread. For a publisher to
     * send again what a lost connection failed.
     */
    public void whenConnected(Runnable action) {
        thread.context().runOnContext(ignored -> {
            if (isConnected()) {
                action.run();
            } else if (!closing) {
                whenConnected.add(action);
            }
        });
    }

    /**
     * Publishes at QoS 1, not retained. The future completes when the broker acknowledges it
     * (PUBACK), on the link's thread, which also reads the broker: move any slow work elsewhere.
     * It fails when the connection goes before the PUBACK: the message may or may not have reached
     * the broker, and the client does not send it again on the next connection, so whoever
     * needs it delivered must publish it again ({@link #whenConnected}).
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
        if (inFlight.incrementAndGet() > MAX_INFLIGHT) {
            inFlight.decrementAndGet();
            throw new NotSentException("too many publications in flight (" + MAX_INFLIGHT + ")", null);
        }
        try {
            return hand(topic, payload, retained);
        } catch (NotSentException | RuntimeException e) {
            inFlight.decrementAndGet();
            throw e;
        }
    }

    /** Gives the client one QoS 1 publication; counted in {@link #inFlight} already. */
    private CompletableFuture<Void> hand(String topic, byte[] payload, boolean retained) throws NotSentException {
        MqttClient current = client;
        Publications following = publications;
        if (current == null || following == null || !current.isConnected()) {
            throw new NotSentException("not connected to the broker " + settings.url(), null);
        }
        try {
            // The client is thread-safe for this: it writes through the connection's event loop.
            return following.follow(current.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false,
                    retained));
        } catch (RuntimeException e) {
            // The connection went between the check and the publication (the client then has no socket).
            throw new NotSentException("the MQTT client refused it: " + e, e);
        }
    }

    /** On the link's thread, a new client for each connection: the library keeps nothing of the last one. */
    private void connect() {
        if (closing || client != null) {
            return;
        }
        MqttClient attempt = MqttClient.create(thread.vertx(), ClientOptions.of(settings, broker,
                state(Presence.LOST), KEEP_ALIVE_SECONDS, CONNECT_TIMEOUT_MILLIS, MAX_INFLIGHT + STATE_INFLIGHT,
                MAX_PACKET_BYTES));
        Publications following = new Publications(inFlight);
        client = attempt;
        attempt.publishHandler(this::arrived)
                .publishCompletionHandler(following::acknowledged)
                .subscribeCompletionHandler(granted -> subscribedTo(attempt, granted))
                .unsubscribeCompletionHandler(id -> groupExit.unsubscribed())
                .exceptionHandler(failure -> failed(attempt, failure))
                .closeHandler(ignored -> lost(attempt, following));
        // The library waits for the CONNACK without a limit: so does not this.
        long timeout = thread.vertx().setTimer(CONNECT_TIMEOUT_MILLIS, ignored -> {
            if (client == attempt && !attempt.isConnected()) {
                LOG.warn("the broker {} did not answer the connection within {} ms", settings.url(),
                        CONNECT_TIMEOUT_MILLIS);
                attempt.disconnect();
            }
        });
        attempt.connect(broker.port(), broker.host(), broker.ssl() ? broker.host() : null).onComplete(result -> {
            thread.vertx().cancelTimer(timeout);
            if (result.failed()) {
                client = null;
                retryLater(result.cause());
                return;
            }
            if (closing) {
                attempt.disconnect();
                return;
            }
            publications = following;
            LOG.debug("connected to {}, session present: {}", settings.url(), result.result().isSessionPresent());
            Map<String, Integer> filters = new LinkedHashMap<>();
            filters().forEach(filter -> filters.put(filter, 1));
            attempt.subscribe(filters);
            thread.vertx().setTimer(CONNECT_TIMEOUT_MILLIS, ignored -> {
                if (client == attempt && !subscribed && attempt.isConnected()) {
                    LOG.error("the broker {} did not answer the subscription; connecting again", settings.url());
                    attempt.disconnect();
                }
            });
        });
    }

    private void retryLater(Throwable failure) {
        if (closing) {
            return;
        }
        LOG.warn("cannot connect to the broker {}: {}; retrying in {} s", settings.url(), failure.toString(),
                RETRY_SECONDS);
        thread.vertx().setTimer(TimeUnit.SECONDS.toMillis(RETRY_SECONDS), ignored -> connect());
    }

    /** The SUBACK, in the order of {@link #filters()}: a refusal (0x80) is said, the rest still works. */
    private void subscribedTo(MqttClient attempt, MqttSubAckMessage granted) {
        if (client != attempt) {
            return;
        }
        List<String> filters = filters();
        List<Integer> levels = granted.grantedQoSLevels();
        for (int i = 0; i < levels.size() && i < filters.size(); i++) {
            if (levels.get(i) == 0x80) {
                // An ACL, or a broker without shared subscriptions.
                LOG.error("the broker {} refused the subscription {}", settings.url(), filters.get(i));
            }
        }
        subscribed = true;
        announceOnline();
        LOG.info("hub connected to {} as {} in share group {}, session {}", settings.url(), settings.clientId(),
                settings.shareGroup(), session);
        List<Runnable> waiting = List.copyOf(whenConnected);
        whenConnected.clear();
        for (Runnable action : waiting) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.error("an action waiting for the broker failed", e);
            }
        }
    }

    /** On the link's thread: the connection is gone; connect again unless the hub stops. */
    private void lost(MqttClient attempt, Publications following) {
        following.lost();
        if (client != attempt) {
            return;
        }
        client = null;
        subscribed = false;
        groupExit.unsubscribed();
        if (!closing) {
            LOG.warn("hub disconnected from the broker {}; reconnecting in {} s", settings.url(), RETRY_SECONDS);
            thread.vertx().setTimer(TimeUnit.SECONDS.toMillis(RETRY_SECONDS), ignored -> connect());
        }
    }

    /**
     * A broken connection, or a packet Netty could not decode: after one, its decoder discards
     * everything that follows, so the connection is dropped and made again (the broker delivers
     * the unacknowledged messages again).
     */
    private void failed(MqttClient attempt, Throwable failure) {
        if (closing) {
            return;
        }
        LOG.warn("MQTT connection to {}: {}", settings.url(), failure.toString());
        if (failure instanceof DecoderException || String.valueOf(failure.getMessage()).contains("Unfinished")) {
            attempt.disconnect();
        }
    }

    private byte[] state(Presence presence) {
        return codec.encode(new HubState(presence, session, clock.instant()));
    }

    private List<String> filters() {
        List<String> filters = new ArrayList<>(HubSubscriptions.shared(settings.shareGroup()));
        filters.addAll(HubSubscriptions.everyHub());
        return filters;
    }

    private CompletableFuture<Void> publishState(Presence presence) {
        inFlight.incrementAndGet();
        try {
            return hand(Topic.HUB_STATE, state(presence), true);
        } catch (NotSentException | RuntimeException e) {
            inFlight.decrementAndGet();
            LOG.warn("cannot publish the hub's state {}: {}", presence.wire(), e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
    }

    private void announceOnline() {
        publishState(Presence.ONLINE);
    }

    /** On the link's thread: a message from the broker. */
    private void arrived(MqttPublishMessage message) {
        groupExit.arrived();
        String topic = message.topicName();
        boolean acknowledged = message.qosLevel() != MqttQoS.AT_MOST_ONCE;
        byte[] payload = message.payload().getBytes();
        if (Topic.HUB_STATE.equals(topic)) {
            siblingState(payload, message.isRetain());
            if (acknowledged) {
                message.ack();
            }
            return;
        }
        if (acknowledged) {
            acknowledgements.received();
        }
        try {
            ingestor.accept(topic, payload, acknowledged ? () -> acknowledgements.stored(message) : () -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (acknowledged) {
                acknowledgements.givenUp();
            }
            // Not acknowledged, so the broker will deliver it again; ingestion goes on.
            LOG.error("ingestion failed for a message on {}", topic, e);
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
                announceOnline();
            }
        } catch (fr.relais.protocol.InvalidMessageException | RuntimeException e) {
            LOG.warn("ignoring an unreadable hub state: {}", e.toString());
        }
    }

    /**
     * Leaves the share group and takes in what the broker had queued for this hub (the ingestion
     * writer must still run), then says {@code offline} and disconnects: the broker discards the
     * Will and keeps what the hub has not acknowledged for its next session. Whatever happens,
     * the link's Vert.x is closed for good, so it can never reconnect behind a new hub with the
     * same client id.
     */
    @Override
    public void close() {
        closing = true;
        drain();
        MqttClient current = client;
        if (current != null && current.isConnected()) {
            try {
                publishState(Presence.OFFLINE).get(GOODBYE_MILLIS, TimeUnit.MILLISECONDS);
                current.disconnect().toCompletionStage().toCompletableFuture()
                        .get(GOODBYE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("no clean goodbye from the hub: {}", e.toString());
            }
        }
        thread.close();
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
        MqttClient current = client;
        if (current == null || !isConnected() || !settings.sharing()) {
            return;
        }
        if (!otherHubs.anyOnline()) {
            LOG.info("no other hub known online: the broker queues for this hub ({}) until it is back",
                    settings.clientId());
            return;
        }
        LOG.info("leaving the share group to {}", otherHubs);
        groupExit.leave(current, filters(), acknowledgements);
    }
}
