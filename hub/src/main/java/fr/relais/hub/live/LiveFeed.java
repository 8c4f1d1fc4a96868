package fr.relais.hub.live;

import fr.relais.hub.auth.Caller;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live channel's events: numbered {@code {boot}-{seq}}, kept in a ring (the last
 * {@code ringEvents}, none older than {@code ringAge}) so that a stream that dropped resumes
 * without loss, and fanned out to the open streams, each caller seeing its own site only.
 *
 * <p>Everything runs on one Vert.x context: the sources (ingestion's writer, the alert
 * evaluator's worker, the command store's callers) hand their changes over with
 * {@link #publish} and return at once; numbering, the ring and the streams are then touched by
 * one thread. The package-private methods without a context hop are that thread's (and the tests').
 */
public final class LiveFeed {
    public static final int RING_EVENTS = 10_000;
    public static final Duration RING_AGE = Duration.ofMinutes(10);
    public static final int CLIENT_QUEUE = 1_000;
    public static final int MAX_STREAMS = 200;
    static final Duration KEEPALIVE = Duration.ofSeconds(15);
    static final Duration SESSION_CHECK = Duration.ofSeconds(60);
    /** A device's readings within this time make one {@code device} event: its latest. */
    static final Duration DEVICE_COALESCING = Duration.ofMillis(250);
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    private static final long NEVER = Long.MIN_VALUE;
    private static final Pattern ID = Pattern.compile("([0-9a-f]{1,32})-([0-9]{1,18})");

    private record Kept(long seq, long at, LiveEvent event) {
    }

    private record DeviceKey(String node, String device) {
    }

    private record Pending(String site, JsonObject data) {
    }

    /** What a stream gets first: what it missed, or why it cannot have it. */
    sealed interface Resume {
        record Replay(List<LiveEvent> events) implements Resume {
        }

        record Reset(String reason) implements Resume {
        }
    }

    private final Clock clock;
    private final String boot;
    private final int ringEvents;
    private final long ringAgeMillis;
    private final int clientQueue;
    private final int maxStreams;
    private final ArrayDeque<Kept> ring = new ArrayDeque<>();
    private final List<LiveClient> clients = new ArrayList<>();
    private final Map<DeviceKey, Pending> devices = new LinkedHashMap<>();
    private final AtomicInteger streams = new AtomicInteger();
    private long seq;
    /** When the last stream attached or ended; {@link #NEVER} before the first. */
    private long lastStreamAt = NEVER;
    /** The id of the last event left unbuilt ({@link #unheard}); a resume from before it gets a reset. */
    private long gapSeq;
    private boolean flushArmed;
    private Vertx vertx;
    private Context context;

    LiveFeed(Clock clock, String boot, int ringEvents, Duration ringAge, int clientQueue, int maxStreams) {
        this.clock = clock;
        this.boot = boot;
        this.ringEvents = ringEvents;
        this.ringAgeMillis = ringAge.toMillis();
        this.clientQueue = clientQueue;
        this.maxStreams = maxStreams;
    }

    /**
     * The hub's feed, with a boot id of its own (a stream resuming from another start of the hub
     * gets a {@code reset}), a keepalive every 15 s and the callers' sessions checked every 60 s.
     *
     * @param sessions whether a caller's session or token is still valid; blocks, run on a worker
     */
    public static LiveFeed start(Vertx vertx, Clock clock, Predicate<Caller> sessions) {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        return new LiveFeed(clock, HexFormat.of().formatHex(random), RING_EVENTS, RING_AGE, CLIENT_QUEUE, MAX_STREAMS)
                .startOn(vertx, sessions);
    }

    /** Takes a context of its own on {@code vertx} and starts the keepalive and the sessions' check. */
    LiveFeed startOn(Vertx vertx, Predicate<Caller> sessions) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            vertx.setPeriodic(KEEPALIVE.toMillis(), timer -> keepalive());
            vertx.setPeriodic(SESSION_CHECK.toMillis(), timer -> checkSessions(sessions));
        });
        return this;
    }

    // ---- any thread ----

    /** Numbers an event and sends it to the streams that see its site. Any thread; returns at once. */
    public void publish(String type, String site, JsonObject data) {
        context.runOnContext(v -> append(type, site, data));
    }

    /** A device's reading: sent within {@link #DEVICE_COALESCING}, only its latest if several come. */
    public void device(String site, String node, String device, JsonObject data) {
        context.runOnContext(v -> coalesce(site, node, device, data));
    }

    /** The session with this credential ended: its streams end now, with {@code logout}. */
    public void loggedOut(String credential) {
        context.runOnContext(v -> List.copyOf(clients).stream()
                .filter(client -> client.caller().via() == Caller.Via.SESSION
                        && credential.equals(client.caller().credential()))
                .forEach(client -> logout(client, "logged out")));
    }

    /** Takes a stream's place; false when {@link #MAX_STREAMS} are open. */
    boolean admit() {
        if (streams.incrementAndGet() > maxStreams) {
            streams.decrementAndGet();
            return false;
        }
        return true;
    }

    int maxStreams() {
        return maxStreams;
    }

    Vertx vertx() {
        return vertx;
    }

    /** Runs on the feed's context (a socket's drain, say). */
    void run(Runnable work) {
        context.runOnContext(v -> work.run());
    }

    /** Attaches an admitted stream, on the feed's context. */
    void open(LiveClient client, String lastEventId) {
        run(() -> attach(client, lastEventId));
    }

    /** The stream's socket closed, on the feed's context; its place is freed once. */
    void close(LiveClient client) {
        run(() -> detach(client));
    }

    // ---- the feed's context ----

    LiveEvent append(String type, String site, JsonObject data) {
        long now = clock.millis();
        LiveEvent event = new LiveEvent(boot + "-" + ++seq, type, site, data.encode());
        ring.addLast(new Kept(seq, now, event));
        evict(now);
        String frame = event.frame();
        for (LiveClient client : List.copyOf(clients)) {
            if (client.sees(site) && !client.offer(frame)) {
                LOG.info("live stream of {} reads too slowly ({} events waiting): reset", client.caller().username(),
                        clientQueue);
                client.reset(reset("your stream fell more than " + clientQueue + " events behind").frame());
            }
        }
        return event;
    }

    void coalesce(String site, String node, String device, JsonObject data) {
        devices.put(new DeviceKey(node, device), new Pending(site, data));
        if (!flushArmed && vertx != null) {
            flushArmed = true;
            vertx.setTimer(DEVICE_COALESCING.toMillis(), timer -> flushDevices());
        }
    }

    void flushDevices() {
        flushArmed = false;
        List<Pending> due = List.copyOf(devices.values());
        devices.clear();
        due.forEach(pending -> append("device", pending.site(), pending.data()));
    }

    /**
     * Whether an event made now could reach anyone: a stream is open, or one ended less than the
     * ring's age ago and may resume from its Last-Event-ID. Otherwise the sources need not build it
     * (with no dashboard open, every batch's device changes were JSON for nobody).
     */
    boolean heard() {
        return !clients.isEmpty() || lastStreamAt != NEVER && clock.millis() - lastStreamAt <= ringAgeMillis;
    }

    /**
     * Events nobody can hear ({@link #heard}) were left unbuilt: they take one id, and the ring
     * forgets what came before, so that a stream resuming from before them gets a reset, never a
     * replay with a hole in it. Cheap when repeated: nothing was handed out since the last gap.
     */
    void unheard() {
        if (gapSeq != seq || !ring.isEmpty()) {
            gapSeq = ++seq;
            ring.clear();
        }
    }

    /** Where the feed is now: the id a stream resumes from to get what follows. */
    String position() {
        return boot + "-" + seq;
    }

    String boot() {
        return boot;
    }

    /** What a stream that saw {@code lastEventId} (null: none) gets first. */
    Resume after(String lastEventId) {
        if (lastEventId == null) {
            return new Resume.Replay(List.of());
        }
        evict(clock.millis());
        Matcher id = ID.matcher(lastEventId);
        if (!id.matches()) {
            return new Resume.Reset("Last-Event-ID is not an id of this channel ({boot}-{seq}): reload");
        }
        if (!id.group(1).equals(boot)) {
            return new Resume.Reset("Last-Event-ID is from another start of the hub: reload");
        }
        long last = Long.parseLong(id.group(2));
        if (last > seq) {
            return new Resume.Reset("Last-Event-ID " + lastEventId + " was never sent: reload");
        }
        if (last < gapSeq) {
            return new Resume.Reset("no live stream was open for over " + ringAgeMillis / 60_000
                    + " minutes, so the events after Last-Event-ID " + lastEventId + " were not kept: reload");
        }
        long oldest = ring.isEmpty() ? seq + 1 : ring.peekFirst().seq();
        if (last < oldest - 1) {
            return new Resume.Reset("Last-Event-ID " + lastEventId + " is older than the last "
                    + ringEvents + " events or " + ringAgeMillis / 60_000 + " minutes kept: reload");
        }
        List<LiveEvent> missed = new ArrayList<>();
        for (Kept kept : ring) {
            if (kept.seq() > last) {
                missed.add(kept.event());
            }
        }
        return new Resume.Replay(missed);
    }

    void attach(LiveClient client, String lastEventId) {
        if (client.ended()) {
            return;
        }
        Resume resume = after(lastEventId);
        // The position first, as an id without data: the browser keeps it as its Last-Event-ID
        // without an event, so a stream that drops before any event still resumes without loss.
        client.offer("retry: 1000\nid: " + position() + "\n\n");
        if (resume instanceof Resume.Reset reset) {
            client.reset(reset(reset.reason()).frame());
        } else {
            for (LiveEvent event : ((Resume.Replay) resume).events()) {
                if (client.sees(event.site()) && !client.offer(event.frame())) {
                    client.reset(reset("more than " + clientQueue + " events to replay").frame());
                    break;
                }
            }
        }
        clients.add(client);
        lastStreamAt = clock.millis();
    }

    void detach(LiveClient client) {
        if (clients.remove(client)) {
            lastStreamAt = clock.millis();
        }
        if (client.release()) {
            streams.decrementAndGet();
        }
    }

    void keepalive() {
        clients.forEach(client -> client.offer(": keepalive\n\n"));
    }

    void logout(LiveClient client, String reason) {
        client.end("event: logout\ndata: " + new JsonObject().put("reason", reason).encode() + "\n\n");
        detach(client);
    }

    int streams() {
        return clients.size();
    }

    int kept() {
        return ring.size();
    }

    private void checkSessions(Predicate<Caller> sessions) {
        for (LiveClient client : List.copyOf(clients)) {
            vertx.executeBlocking(() -> sessions.test(client.caller()), false).onComplete(valid -> {
                if (valid.succeeded() && !valid.result()) {
                    run(() -> logout(client, "session ended"));
                } else if (valid.failed()) {
                    // The database is away: the stream goes on; the next check decides.
                    LOG.warn("cannot check a live stream's session: {}", valid.cause().toString());
                }
            });
        }
    }

    /** A reset carries the current position, so that a stream reconnecting after it loses nothing more. */
    private LiveEvent reset(String reason) {
        return new LiveEvent(position(), "reset", null, new JsonObject().put("reason", reason).encode());
    }

    private void evict(long now) {
        while (!ring.isEmpty() && (ring.size() > ringEvents || now - ring.peekFirst().at() > ringAgeMillis)) {
            ring.removeFirst();
        }
    }
}
