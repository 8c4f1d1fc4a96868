package fr.relais.kiosk.agent;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent as the screens see it: the state the poller keeps fresh, calls that run on a background
 * thread and answer on the JavaFX thread, and badge reads delivered to the screen waiting for one.
 * Polling: content and status every 3 s, devices every 5 s, badge reads every second while a screen
 * waits for a badge.
 */
public final class KioskAgent {
    static final int CONTENT_EVERY_S = 3;
    static final int DEVICES_EVERY_S = 5;
    private static final Logger LOG = LoggerFactory.getLogger(KioskAgent.class);

    /** A blocking request to the agent, run off the JavaFX thread. */
    @FunctionalInterface
    public interface Call<T> {
        T run(AgentClient client) throws AgentException;
    }

    private final AgentClient client;
    private final Executor fx;
    private final Clock clock;
    private final AgentState state;
    /** Scripted: calls answer at once on the caller's thread and nothing polls. */
    private final boolean inline;
    private ScheduledExecutorService poller;
    private ExecutorService calls;
    private volatile Consumer<AgentReplies.BadgeRead> badgeWaiter;
    private volatile Instant badgeWaitSince;
    private final Set<Long> delivered = new HashSet<>();
    private long tick;
    private long lastSeq;
    private boolean failing;

    private KioskAgent(AgentClient client, Executor fx, Clock clock) {
        this(client, fx, clock, client != null);
    }

    private KioskAgent(AgentClient client, Executor fx, Clock clock, boolean configured) {
        this(client, fx, clock, configured, false);
    }

    private KioskAgent(AgentClient client, Executor fx, Clock clock, boolean configured, boolean inline) {
        this.client = client;
        this.fx = fx;
        this.clock = clock;
        this.state = new AgentState(configured);
        this.inline = inline;
    }

    /**
     * Content given once, no agent behind it (screenshots, bench): the screens show it as if the
     * agent had, and every action fails plainly.
     */
    public static KioskAgent preloaded(fr.relais.protocol.content.PlaceContent content,
                                       java.util.List<AgentReplies.Device> devices, Instant refreshedAt) {
        KioskAgent agent = new KioskAgent(null, Runnable::run, Clock.systemUTC(), true);
        agent.state.preload(content, refreshedAt, true, devices);
        return agent;
    }

    /**
     * Content given once and the agent's answers given in advance (the screenshots of a ticket, a code,
     * the PIN pad…, and the tests that check those states): each call is answered at once on the
     * caller's thread, as it would be a moment later on the JavaFX thread; nothing polls; badge reads
     * come from {@link #badgeRead}.
     */
    public static KioskAgent scripted(fr.relais.protocol.content.PlaceContent content,
                                      java.util.List<AgentReplies.Device> devices, Instant refreshedAt,
                                      AgentClient answers) {
        KioskAgent agent = new KioskAgent(Objects.requireNonNull(answers, "answers"), Runnable::run,
                Clock.systemUTC(), true, true);
        agent.state.preload(content, refreshedAt, true, devices);
        return agent;
    }

    /** Brochure mode: no agent, every screen says the information is not available here. */
    public static KioskAgent none() {
        return new KioskAgent(null, Runnable::run, Clock.systemUTC());
    }

    /** @param fx runs on the JavaFX thread ({@code Platform::runLater}) */
    public static KioskAgent connect(Path linkFile, Executor fx, Clock clock) {
        return new KioskAgent(new AgentClient(linkFile), fx, clock);
    }

    public boolean configured() {
        return state.configured();
    }

    public AgentState state() {
        return state;
    }

    public AgentClient client() {
        return client;
    }

    public synchronized void start() {
        if (client == null || inline || poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(daemon("relais-agent-poller"));
        calls = Executors.newSingleThreadExecutor(daemon("relais-agent-calls"));
        poller.scheduleWithFixedDelay(this::poll, 0, 1, TimeUnit.SECONDS);
    }

    public synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
            calls.shutdownNow();
            poller = null;
        }
    }

    /** Runs {@code call} in the background; exactly one of the callbacks runs, on the JavaFX thread. */
    public <T> void call(Call<T> call, Consumer<T> onDone, Consumer<String> onFailure) {
        if (inline) {
            T result;
            try {
                result = call.run(client);
            } catch (AgentException | RuntimeException e) {
                onFailure.accept(e.getMessage());
                return;
            }
            onDone.accept(result);
            return;
        }
        ExecutorService running = calls;
        if (client == null || running == null || running.isShutdown()) {
            fx.execute(() -> onFailure.accept("no agent"));
            return;
        }
        try {
            running.execute(() -> {
                try {
                    T result = call.run(client);
                    fx.execute(() -> onDone.accept(result));
                } catch (AgentException | RuntimeException e) {
                    LOG.warn("Agent request failed: {}", e.getMessage());
                    fx.execute(() -> onFailure.accept(e.getMessage()));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // The kiosk is closing: a screen's late follow-up has nobody to answer.
            fx.execute(() -> onFailure.accept("stopped"));
        }
    }

    /**
     * Hands every badge read made from now on to {@code waiter} (on the JavaFX thread) until
     * {@link #stopWaitingForBadge()}; one waiter at a time, the last one wins.
     */
    public void waitForBadge(Consumer<AgentReplies.BadgeRead> waiter) {
        badgeWaitSince = clock.instant();
        badgeWaiter = waiter;
    }

    /** A scripted agent's badge read, handed at once to the screen waiting for one (if any). */
    public void badgeRead(AgentReplies.BadgeRead read) {
        Consumer<AgentReplies.BadgeRead> waiter = badgeWaiter;
        if (inline && waiter != null) {
            waiter.accept(read);
        }
    }

    public void stopWaitingForBadge() {
        badgeWaiter = null;
    }

    public boolean waitingForBadge() {
        return badgeWaiter != null;
    }

    private void poll() {
        long now = tick++;
        try {
            if (badgeWaiter != null) {
                pollBadges();
            }
            if (now % CONTENT_EVERY_S == 0) {
                AgentReplies.Content content = client.content();
                AgentReplies.Status status = client.status();
                Instant at = clock.instant();
                fx.execute(() -> {
                    state.contentReceived(content, at);
                    state.statusReceived(status, at);
                });
            }
            if (now % DEVICES_EVERY_S == 0) {
                var devices = client.devices();
                Instant at = clock.instant();
                fx.execute(() -> state.devicesReceived(devices, at));
            }
            if (failing) {
                failing = false;
                LOG.info("Agent answers again");
            }
        } catch (AgentException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("Agent not answering: {} (the kiosk shows what it has)", e.getMessage());
            }
            fx.execute(state::unreachable);
        }
    }

    /** Only reads made after the screen began waiting count: an old read is someone else's. */
    private void pollBadges() throws AgentException {
        Consumer<AgentReplies.BadgeRead> waiter = badgeWaiter;
        Instant since = badgeWaitSince;
        AgentReplies.BadgeReads reads = client.badgeReads(lastSeq);
        // A restarted agent counts from 0 again.
        lastSeq = reads.last() < lastSeq ? 0 : reads.last();
        for (AgentReplies.BadgeRead read : reads.items()) {
            if (waiter != null && !read.at().isBefore(since.minusSeconds(1)) && delivered.add(read.seq())) {
                fx.execute(() -> {
                    if (badgeWaiter == waiter) {
                        waiter.accept(read);
                    }
                });
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
