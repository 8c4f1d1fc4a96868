package fr.relais.hub.content;

import static fr.relais.hub.content.ContentParts.none;

import fr.relais.hub.ingest.HubLink;
import fr.relais.hub.ingest.NotSentException;
import fr.relais.protocol.Ids;
import fr.relais.protocol.Topic;
import fr.relais.protocol.content.PlaceContent;
import fr.relais.protocol.content.PlaceContentCodec;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each place's kiosk content ({@link PlaceContent}) to every node of the site, retained at
 * QoS 1 on {@link Topic#content}: once the broker session is up after the start, after each change
 * ({@link #changed}, at most once a second per site: changes meanwhile are coalesced), and every
 * {@link Timing#refresh} so that the agents' "mis à jour à" keeps moving while the link is up. A
 * publication the broker did not take is tried again while the session is up. Each node's content
 * carries the answers to its own kiosk actions of the last 24 hours.
 *
 * <p>All the work runs on one thread of its own: the parts block on the database and waiting for
 * the broker's acknowledgement blocks too; neither the event loop, the ingestion writer nor the
 * caller of {@link #changed} waits for them. A part that fails leaves its section empty (logged);
 * a site without a place (unknown) is skipped.
 */
public final class PlaceContentPublisher implements ContentChanges, AutoCloseable {
    /** The transport: the hub's broker session. */
    public interface Link {
        CompletableFuture<Void> publishRetained(String topic, byte[] payload) throws NotSentException;

        boolean isConnected();

        static Link of(HubLink link) {
            return new Link() {
                @Override
                public CompletableFuture<Void> publishRetained(String topic, byte[] payload) throws NotSentException {
                    return link.publishRetained(topic, payload);
                }

                @Override
                public boolean isConnected() {
                    return link.isConnected();
                }
            };
        }
    }

    /** How often things happen; tests shorten them. */
    public record Timing(Duration coalesce, Duration refresh, Duration poll, Duration retryAfter) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    static final Duration ANSWERS_FOR = Duration.ofHours(24);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(PlaceContentPublisher.class);

    private final ContentParts parts;
    private final ContentRows rows;
    private final Link link;
    private final Clock clock;
    private final Timing timing;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread worker = new Thread(runnable, "hub-place-content");
        worker.setDaemon(true);
        return worker;
    });
    /** Sites whose change waits to be published. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> publishedAt = new ConcurrentHashMap<>();
    /**
     * When a site's publication began: a change during it (which that publication may have missed)
     * waits its turn like any other, instead of making a second publication at once.
     */
    private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
    /** Touched on the publisher's thread only. */
    private final Map<String, Long> versions = new java.util.HashMap<>();
    private final Map<String, Long> failedAt = new java.util.HashMap<>();
    private boolean firstDone;
    /** The nodes (site/node) known at the last tick: a new one (its first birth) gets its content then. */
    private final Set<String> knownNodes = new java.util.HashSet<>();
    private long lastRefresh;
    private final AtomicLong publications = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /**
     * @param connection where the nodes and the kiosk answers are read (the hub gives one it shares,
     *                   serialised on it)
     */
    public PlaceContentPublisher(ContentParts parts, Connection connection, Link link, Clock clock) {
        this(parts, connection, link, clock, Timing.DEFAULT);
    }

    public PlaceContentPublisher(ContentParts parts, Connection connection, Link link, Clock clock, Timing timing) {
        this.parts = parts;
        this.rows = new ContentRows(connection);
        this.link = link;
        this.clock = clock;
        this.timing = timing;
    }

    /** Starts watching the broker session: every site is published once it is up, then kept fresh. */
    public PlaceContentPublisher start() {
        thread.scheduleWithFixedDelay(() -> guarded("the kiosk content's tick", this::tick), 0,
                timing.poll().toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void changed(String site) {
        if (site == null || !Ids.isValid(site)) {
            LOG.warn("ignoring a change of the kiosk content of an invalid site id: {}", Ids.problem(site));
            return;
        }
        if (!pending.add(site)) {
            return;
        }
        long last = Math.max(publishedAt.getOrDefault(site, Long.MIN_VALUE / 2),
                startedAt.getOrDefault(site, Long.MIN_VALUE / 2));
        long delay = Math.max(0, last + timing.coalesce().toMillis() - clock.millis());
        try {
            thread.schedule(() -> {
                // Before the site leaves `pending`: a change seen after that sees this start.
                startedAt.put(site, clock.millis());
                pending.remove(site);
                guarded("publishing the kiosk content of " + site, () -> publish(site));
            }, Math.min(delay, timing.coalesce().toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            pending.remove(site);
            LOG.info("the kiosk content of {} changed while the hub stops: published at its next start", site);
        }
    }

    @Override
    public void changedAll() {
        try {
            thread.execute(() -> guarded("listing the sites", () -> rows.sites().forEach(this::changed)));
        } catch (RejectedExecutionException e) {
            LOG.info("every kiosk content changed while the hub stops: published at its next start");
        }
    }

    /** Kiosk contents handed to the broker and acknowledged, for the metrics. */
    public long publications() {
        return publications.get();
    }

    /** Publications the broker did not take (tried again later), for the metrics. */
    public long failures() {
        return failures.get();
    }

    private void tick() {
        if (!link.isConnected()) {
            return;
        }
        long now = clock.millis();
        if (!firstDone || now - lastRefresh >= timing.refresh().toMillis()) {
            // The sites unreadable (the database away): this throws, and the next tick tries again.
            List<String> sites = rows.sites();
            firstDone = true;
            lastRefresh = now;
            for (String site : sites) {
                guarded("publishing the kiosk content of " + site, () -> publish(site));
            }
            knownNodes.addAll(rows.siteNodes());
            return;
        }
        // A node registered since (its first birth): its site is published now, not at the next refresh.
        for (String siteNode : rows.siteNodes()) {
            if (knownNodes.add(siteNode)) {
                String site = siteNode.substring(0, siteNode.indexOf('/'));
                guarded("publishing the kiosk content of " + site + " to a new node", () -> publish(site));
            }
        }
        for (Map.Entry<String, Long> failed : Map.copyOf(failedAt).entrySet()) {
            if (now - failed.getValue() >= timing.retryAfter().toMillis()) {
                guarded("publishing the kiosk content of " + failed.getKey(), () -> publish(failed.getKey()));
            }
        }
    }

    private void publish(String site) {
        Instant now = clock.instant();
        PlaceContent.Place place = parts.place().place(site);
        if (place == null) {
            LOG.debug("no place known for site {}: no kiosk content", site);
            failedAt.remove(site);
            return;
        }
        List<String> nodes = rows.nodes(site);
        if (nodes.isEmpty()) {
            return;
        }
        long version = Math.max(now.toEpochMilli(), versions.getOrDefault(site, 0L) + 1);
        versions.put(site, version);
        PlaceContent.Hours hours = part(site, "hours", () -> parts.hours().hours(site),
                new PlaceContent.Hours(none(), none()));
        PlaceContent.Van van = part(site, "van", () -> parts.van().van(site, now),
                new PlaceContent.Van(null, none(), none()));
        List<PlaceContent.Workshop> workshops = part(site, "workshops", () -> parts.workshops().list(site, now),
                none());
        List<PlaceContent.Slot> slots = part(site, "slots", () -> parts.slots().list(site, now), none());
        PlaceContent.Queue queue = part(site, "queue", () -> parts.queue().queue(site, now),
                new PlaceContent.Queue(none(), 0, null, 0));
        List<PlaceContent.Room> rooms = part(site, "rooms", () -> parts.rooms().list(site, now), none());
        boolean example = part(site, "example", () -> parts.example().example(), false);
        long answersSince = now.minus(ANSWERS_FOR).toEpochMilli();
        boolean allSent = true;
        for (String node : nodes) {
            List<PlaceContent.Answer> answers = part(site, "answers", () -> rows.answers(node, answersSince),
                    none());
            byte[] payload;
            try {
                payload = PlaceContentCodec.encode(new PlaceContent(PlaceContent.VERSION, site, version,
                        now.toString(), example, place, hours, van, open(workshops), open(slots), queue, open(rooms),
                        open(answers)));
            } catch (IllegalArgumentException e) {
                LOG.error("the kiosk content of {} for {} cannot be made: {}", site, node, e.getMessage());
                continue;
            }
            allSent &= send(site, node, payload, version);
        }
        if (allSent) {
            // Only a publication that went counts for the coalescing: after a refusal, a change tries at once.
            publishedAt.put(site, now.toEpochMilli());
            failedAt.remove(site);
        } else {
            failedAt.put(site, clock.millis());
            startedAt.remove(site);
        }
    }

    private boolean send(String site, String node, byte[] payload, long version) {
        String topic = Topic.content(site, node).path();
        try {
            link.publishRetained(topic, payload).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            publications.incrementAndGet();
            LOG.debug("kiosk content {} of {} published to {} ({} bytes)", version, site, node, payload.length);
            return true;
        } catch (NotSentException | ExecutionException | TimeoutException e) {
            failures.incrementAndGet();
            LOG.warn("kiosk content {} of {} not published to {}: {}; tried again later", version, site, node,
                    why(e));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * What went wrong, in words: a TimeoutException has no message (the log said "null"), and a
     * failed acknowledgement's own message may be empty too.
     */
    static String why(Exception failure) {
        if (failure instanceof TimeoutException) {
            return "the broker did not acknowledge it within " + ACK_TIMEOUT.toSeconds()
                    + " s (a saturated or slow broker)";
        }
        Throwable cause = failure instanceof ExecutionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String message = cause.getMessage();
        String name = cause.getClass().getSimpleName();
        return message == null || message.isBlank() ? name + " (no message)" : message + " (" + name + ")";
    }

    /** One section; its source failing (a bug, a row the content refuses) leaves it empty, not the place blank. */
    private static <T> T part(String site, String name, Supplier<T> source, T empty) {
        try {
            T value = source.get();
            return value != null ? value : empty;
        } catch (RuntimeException e) {
            LOG.error("the {} of the kiosk content of {} cannot be made; sent empty", name, site, e);
            return empty;
        }
    }

    /**
     * A copy {@link PlaceContent} can check: its null check throws on an immutable list
     * ({@code List.of}, {@code List.copyOf}), which a part may well return.
     */
    private static <T> List<T> open(List<T> list) {
        return new ArrayList<>(list);
    }

    private static void guarded(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // The thread must go on: a scheduled task that throws is never run again.
            LOG.error("{} failed; tried again later", what, e);
        }
    }

    /** Work already queued is dropped: the next start publishes every site anyway. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** For tests: runs on the publisher's thread and waits, so what was queued before is done. */
    void flush() throws Exception {
        thread.submit(() -> { }).get(30, TimeUnit.SECONDS);
    }
}
