package fr.relais.agent.uplink;

import fr.relais.agent.clock.ClockWatch;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.outbox.Outbox;
import fr.relais.agent.store.LocalState;
import fr.relais.protocol.Birth;
import fr.relais.protocol.HubState;
import fr.relais.protocol.InvalidMessageException;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.NodeState;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's session with the broker. Each connection gets a new {@code bdSeq}, carried by the
 * Last Will ({@code lost}), the retained state ({@code online}) and the birth, so the hub can
 * tell a late Will of an old connection from a real loss. Reconnects with backoff and jitter,
 * sends its birth again when the hub comes back with a new session, and lets the
 * {@link Replayer} drain the outbox while connected.
 *
 * <p>All session work runs on the node's executor; Paho's threads only hand over to it.
 */
public final class Uplink implements DirectPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(Uplink.class);
    private static final Duration GOODBYE_TIMEOUT = Duration.ofSeconds(2);
    /** Paho slots beyond the replay window, for state, birth and subscriptions. */
    private static final int SESSION_SLOTS = 16;

    private final NodeConfig config;
    private final LocalState state;
    private final ClockWatch clock;
    private final MessageCodec codec;
    private final ScheduledExecutorService executor;
    private final LongFunction<Birth> births;
    private final CommandInbox commands;
    private final Optional<AccessListInbox> accessLists;
    private final String accessTopic;
    private final Optional<ContentInbox> contents;
    private final String contentTopic;
    private final MqttLink link;
    private final Replayer replayer;
    private final Backoff backoff;
    private final UplinkStats stats = new UplinkStats();

    private volatile long bdSeq = -1;
    private volatile boolean online;
    /** The hub's last known state ({@code relais/v1/_hub/state}) said online; false until one arrives. */
    private volatile boolean hubOnline;
    private volatile boolean stopping;
    private String hubSession;

    /**
     * @param births   makes the birth for a given {@code bdSeq}
     * @param commands receives each command delivered to this node (topic, payload), on the
     *                 node's executor
     */
    public Uplink(NodeConfig config, LocalState state, ClockWatch clock, MessageCodec codec,
                  ScheduledExecutorService executor, Outbox outbox, LongFunction<Birth> births,
                  CommandInbox commands) {
        this(config, state, clock, codec, executor, outbox, births, commands, Optional.empty());
    }

    /**
     * @param accessLists on a door node, receives the fragments of its access list and hears of
     *                    each connection (the node then says which list it holds)
     */
    public Uplink(NodeConfig config, LocalState state, ClockWatch clock, MessageCodec codec,
                  ScheduledExecutorService executor, Outbox outbox, LongFunction<Birth> births,
                  CommandInbox commands, Optional<AccessListInbox> accessLists) {
        this(config, state, clock, codec, executor, outbox, births, commands, accessLists, Optional.empty());
    }

    /**
     * @param contents on a node with a kiosk, receives the hub's retained content for it
     *                 ({@code relais/v1/{site}/{node}/content})
     */
    public Uplink(NodeConfig config, LocalState state, ClockWatch clock, MessageCodec codec,
                  ScheduledExecutorService executor, Outbox outbox, LongFunction<Birth> births,
                  CommandInbox commands, Optional<AccessListInbox> accessLists, Optional<ContentInbox> contents) {
        this.contents = contents;
        this.contentTopic = Topic.content(config.site().id(), config.node()).path();
        this.accessLists = accessLists;
        this.accessTopic = Topic.access(config.site().id(), config.node()).path();
        this.config = config;
        this.state = state;
        this.clock = clock;
        this.codec = codec;
        this.executor = executor;
        this.births = births;
        this.commands = commands;
        this.backoff = new Backoff(config.broker().reconnectMin(), config.broker().reconnectMax(), new Random());
        this.link = new MqttLink(config.broker(), config.broker().maxInflight() + SESSION_SLOTS, config.node(),
                this::connectionLost, (topic, payload, retained, acknowledge) ->
                        onExecutor(() -> received(topic, payload, retained, acknowledge)));
        this.replayer = new Replayer(config.node(), outbox, link, this::topic,
                config.outbox().replayRatePerSecond(), config.broker().maxInflight());
    }

    public void start() {
        onExecutor(this::attemptConnect);
    }

    /** Whether state and birth are out and messages can flow. */
    public boolean isOnline() {
        return online;
    }

    /**
     * Whether the link reaches the hub: connected, and the hub's retained state says it runs. What
     * the kiosk calls the link being up (actions the hub must answer are refused otherwise).
     */
    public boolean reachesTheHub() {
        return online && hubOnline && link.isConnected();
    }

    public long bdSeq() {
        return bdSeq;
    }

    public UplinkStats stats() {
        return stats;
    }

    /**
     * Publishes a message the outbox could not store, straight to the broker, if connected. It
     * does not wait behind the outbox's backlog, and it is not sent again if it fails.
     */
    @Override
    public CompletableFuture<Void> publish(Topic.Kind kind, byte[] payload) {
        if (!online) {
            return OFFLINE.publish(kind, payload);
        }
        return link.publish(topic(kind), payload, false);
    }

    /** Publishes state and birth again, as the {@code rebirth} command asks. */
    public void rebirth() {
        onExecutor(() -> {
            if (online) {
                announce();
            }
        });
    }

    /** Says goodbye ({@code offline}, retained) and disconnects, waiting a little for both. */
    public void stop() {
        stopping = true;
        replayer.close();
        if (online) {
            online = false;
            NodeState offline = new NodeState(Presence.OFFLINE, bdSeq, clock.now());
            try {
                link.publish(topic(Topic.Kind.STATE), codec.encode(offline), true)
                        .get(GOODBYE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                link.disconnect().get(GOODBYE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.warn("{}: no clean goodbye, the broker will publish the Last Will: {}", config.node(), e.toString());
            }
        }
        link.close();
    }

    private void attemptConnect() {
        if (stopping) {
            return;
        }
        long next = state.nextBdSeq();
        NodeState lost = new NodeState(Presence.LOST, next, clock.now());
        link.connect(new MqttLink.Will(topic(Topic.Kind.STATE), codec.encode(lost)))
                .whenComplete((ok, failure) -> onExecutor(() -> {
                    if (failure == null) {
                        connected(next);
                    } else {
                        stats.connectFailures.incrementAndGet();
                        retryLater("cannot connect to " + config.broker().url() + ": " + failure.getMessage());
                    }
                }));
    }

    private void connected(long newBdSeq) {
        if (stopping) {
            return;
        }
        bdSeq = newBdSeq;
        backoff.reset();
        hubSession = null;
        stats.connects.incrementAndGet();
        List<String> filters = new ArrayList<>(List.of(Topic.HUB_STATE,
                Topic.commandFilter(config.site().id(), config.node())));
        accessLists.ifPresent(inbox -> filters.add(accessTopic));
        contents.ifPresent(inbox -> filters.add(contentTopic));
        for (String filter : filters) {
            link.subscribe(filter).exceptionally(failure -> {
                LOG.warn("{}: cannot subscribe to {}: {}", config.node(), filter, failure.toString());
                return null;
            });
        }
        announce();
        accessLists.ifPresent(AccessListInbox::connected);
        replayer.connected();
        LOG.info("{}: connected to {} (bdSeq {})", config.node(), config.broker().url(), bdSeq);
    }

    private void announce() {
        NodeState onlineState = new NodeState(Presence.ONLINE, bdSeq, clock.now());
        link.publish(topic(Topic.Kind.STATE), codec.encode(onlineState), true);
        link.publish(topic(Topic.Kind.BIRTH), codec.encode(births.apply(bdSeq)), false);
        online = true;
    }

    private void connectionLost(Throwable cause) {
        replayer.disconnected();
        onExecutor(() -> {
            online = false;
            hubOnline = false;
            stats.connectionLosses.incrementAndGet();
            retryLater("connection lost: " + (cause == null ? "unknown cause" : cause.getMessage()));
        });
    }

    private void retryLater(String why) {
        if (stopping) {
            return;
        }
        Duration delay = backoff.nextDelay();
        LOG.warn("{}: {}; next attempt in {} ms", config.node(), why, delay.toMillis());
        try {
            executor.schedule(this::attemptConnect, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The node is shutting down.
        }
    }

    /** Hands work from Paho's threads to the node's thread, unless the node is shutting down. */
    private void onExecutor(Runnable work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException e) {
            if (!stopping) {
                throw e;
            }
        }
    }

    private void received(String topicPath, byte[] payload, boolean retained, Runnable acknowledge) {
        if (Topic.HUB_STATE.equals(topicPath)) {
            hubState(payload, retained);
            acknowledge.run();
        } else if (accessTopic.equals(topicPath) && accessLists.isPresent()) {
            try {
                accessLists.get().deliver(payload);
            } catch (RuntimeException e) {
                // A list that cannot be taken must not end the session: the door keeps its list.
                LOG.error("{}: an access list fragment could not be handled", config.node(), e);
            }
            acknowledge.run();
        } else if (contentTopic.equals(topicPath) && contents.isPresent()) {
            try {
                contents.get().deliver(payload);
            } catch (RuntimeException e) {
                // Content that cannot be taken must not end the session: the kiosk keeps what it shows.
                LOG.error("{}: kiosk content could not be handled", config.node(), e);
            }
            acknowledge.run();
        } else {
            commands.deliver(topicPath, payload, acknowledge);
        }
    }

    /**
     * A retained hub state is how the hub was when we subscribed, just before our birth: nothing
     * to do. A live one announcing a new hub session means the hub (re)started and may have
     * missed our birth.
     */
    private void hubState(byte[] payload, boolean retained) {
        try {
            HubState hub = codec.decode(Topic.hubState(), payload, HubState.class);
            boolean newSession = !hub.session().equals(hubSession);
            if (!retained && online && hub.state() == Presence.ONLINE && newSession) {
                LOG.info("{}: the hub is back (session {}); sending the birth again", config.node(), hub.session());
                announce();
                // It may have missed our access-list report too (a hub started after its broker,
                // without a session there yet): without it a door node would wait for its list.
                accessLists.ifPresent(AccessListInbox::connected);
            }
            hubSession = hub.session();
            hubOnline = hub.state() == Presence.ONLINE;
        } catch (InvalidMessageException e) {
            LOG.warn("{}: ignoring an invalid hub state: {}", config.node(), e.getMessage());
        }
    }

    String topic(Topic.Kind kind) {
        return Topic.of(kind, config.site().id(), config.node()).path();
    }
}
