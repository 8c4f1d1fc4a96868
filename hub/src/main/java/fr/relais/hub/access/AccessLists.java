package fr.relais.hub.access;

import fr.relais.protocol.Ids;
import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.AccessListCodec;
import fr.relais.protocol.access.AccessListException;
import fr.relais.protocol.access.AccessListSigner;
import fr.relais.protocol.access.SignedAccessListCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The doors' access lists, hub side (issue 11): each change of a site's coworking data
 * ({@link #changed}, coalesced over {@link Timing#debounce}) issues a new version of the site's
 * list, signed, stored and sent to its door nodes; so does a start of the hub (a change may
 * have come just before it stopped), and {@link #REISSUE_AFTER} without change, so that a
 * node's list age says how long it has not heard from the hub. The nodes' {@code access-list}
 * reports are read from the stored events and answered; nodes still behind are sent the list
 * again ({@link AccessListPublisher}).
 *
 * <p>All the work runs on one thread of its own, in order: the database calls block, and
 * neither ingestion, the event loop nor the caller of {@link #changed} waits for them.
 */
public final class AccessLists implements AccessChanges, AutoCloseable {
    /** How often things happen; tests shorten them. */
    record Timing(Duration debounce, Duration tick, Duration poll) {
        static final Timing DEFAULT = new Timing(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(2));
    }

    static final Duration REISSUE_AFTER = Duration.ofHours(12);
    /** Deltas kept per site: as many as a node chains after a snapshot (edge-agent's MAX_DELTAS). */
    static final int KEPT_DELTAS = 100;
    /** A node may hold a version beyond the hub's (a database restored from a backup), not this far. */
    static final long MAX_AHEAD = 1_000_000;
    private static final Logger LOG = LoggerFactory.getLogger(AccessLists.class);

    private final AccessListSigner signer;
    private final CoworkingGrants coworking;
    private final AccessListRows rows;
    private final AccessListPublisher publisher;
    private final AccessListReports reports;
    private final AccessMetrics metrics;
    private final Clock clock;
    private final Timing timing;
    private final SignedAccessListCodec wire = new SignedAccessListCodec();
    private final AccessListCodec codec = new AccessListCodec();
    /** Sites whose change waits for its debounce; sites whose issue failed, tried again at the tick. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final Set<String> failed = new LinkedHashSet<>();
    private final ScheduledExecutorService thread;

    private AccessLists(AccessListSigner signer, CoworkingGrants coworking, AccessListRows rows,
                        AccessListPublisher.Link link, Clock clock, Timing timing) {
        this.signer = signer;
        this.coworking = coworking;
        this.rows = rows;
        this.clock = clock;
        this.timing = timing;
        this.publisher = signer == null ? null : new AccessListPublisher(rows, link, clock);
        this.reports = signer == null ? null : new AccessListReports(rows, clock.millis() - Duration.ofMinutes(10)
                .toMillis());
        this.metrics = new AccessMetrics(signer != null, reports == null ? () -> 0 : reports::refused,
                publisher == null ? () -> 0 : publisher::fragmentsPublished,
                publisher == null ? () -> 0 : publisher::publishFailures);
        this.thread = signer == null ? null : Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread worker = new Thread(runnable, "hub-access-lists");
            worker.setDaemon(true);
            return worker;
        });
    }

    /**
     * Starts issuing and answering, or, without a key ({@link AccessSigningKey#load}), nothing: then
     * {@link #changed} does nothing.
     *
     * @param link the hub's broker session: {@code link::publish}
     */
    public static AccessLists start(Optional<AccessListSigner> signer, CoworkingGrants coworking, AccessListRows rows,
                                    AccessListPublisher.Link link, Clock clock) {
        return start(signer, coworking, rows, link, clock, Timing.DEFAULT);
    }

    static AccessLists start(Optional<AccessListSigner> signer, CoworkingGrants coworking, AccessListRows rows,
                             AccessListPublisher.Link link, Clock clock, Timing timing) {
        AccessLists lists = new AccessLists(signer.orElse(null), coworking, rows, link, clock, timing);
        if (lists.thread != null) {
            lists.thread.execute(() -> guarded("the first issue of the access lists", lists::issueAll));
            lists.thread.scheduleWithFixedDelay(() -> guarded("the access lists' tick", lists::tick),
                    timing.tick().toMillis(), timing.tick().toMillis(), TimeUnit.MILLISECONDS);
            lists.thread.scheduleWithFixedDelay(() -> guarded("reading the nodes' access-list reports", lists::poll),
                    timing.poll().toMillis(), timing.poll().toMillis(), TimeUnit.MILLISECONDS);
        }
        return lists;
    }

    /** Whether lists are issued (a signing key is configured). */
    public boolean enabled() {
        return thread != null;
    }

    /** The figures of {@code /metrics}: {@code hubMetrics.bind(accessLists.metrics())}. */
    public AccessMetrics metrics() {
        return metrics;
    }

    @Override
    public void changed(String site) {
        if (thread == null) {
            return;
        }
        if (!Ids.isValid(site)) {
            LOG.warn("ignoring a change of the coworking data of an invalid site id: {}", Ids.problem(site));
            return;
        }
        if (pending.add(site)) {
            try {
                thread.schedule(() -> {
                    pending.remove(site);
                    guarded("issuing the access list of " + site, () -> issue(site));
                }, timing.debounce().toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.warn("the access list of {} changed while the hub stops: issued at its next start", site);
            }
        }
    }

    private void issueAll() {
        for (String site : coworking.accessSites()) {
            guarded("issuing the access list of " + site, () -> issue(site));
        }
        refreshMetrics();
    }

    /** Issues the sites due (12 h without change, a failed issue), sends again to nodes behind. */
    private void tick() {
        long now = clock.millis();
        Set<String> sites = new LinkedHashSet<>(failed);
        sites.addAll(coworking.accessSites());
        // And the sites whose door nodes were given a list before any coworking data existed.
        sites.addAll(rows.latestVersions().keySet());
        for (String site : sites) {
            // One site's trouble (its data unreadable, a list too large to sign) leaves the others be.
            guarded("the access list of " + site, () -> {
                Optional<AccessListRows.Latest> latest = rows.latest(site);
                if (failed.contains(site) || latest.isEmpty()
                        || now - latest.get().issuedAt() >= REISSUE_AFTER.toMillis()) {
                    issue(site);
                } else {
                    publisher.resend(latest.get());
                }
            });
        }
        refreshMetrics();
    }

    private void poll() {
        Map<String, Optional<AccessListRows.Latest>> latest = new HashMap<>();
        for (AccessListReports.Reported reported : reports.next()) {
            AccessListReport report = reported.report();
            Optional<AccessListRows.Latest> current = latest.computeIfAbsent(reported.site(), rows::latest);
            long issued = current.map(AccessListRows.Latest::version).orElse(0L);
            if (report.version() > issued + MAX_AHEAD) {
                // Only the hub's key makes versions: one this far ahead is a broken node, and taking
                // it would push the site's next version towards overflow.
                reports.implausible();
                LOG.warn("ignoring the access-list event of node {}: version {} is far beyond the hub's {}",
                        reported.node(), report.version(), issued);
                continue;
            }
            rows.reported(reported.node(), reported.site(), report.version(), report.needSnapshot(),
                    reported.receivedAt());
            if ("refused".equals(report.outcome())) {
                LOG.warn("door node {} refused an access list ({}); it holds version {}", reported.node(),
                        report.reason(), report.version());
            }
            if (current.isEmpty()) {
                // A door node of a site without coworking data yet: it gets a signed empty list
                // (deny all, as without one) so that it is in step, and its list is not "too old".
                issue(reported.site());
                latest.remove(reported.site());
                current = latest.computeIfAbsent(reported.site(), rows::latest);
                if (current.isEmpty()) {
                    continue; // the issue failed: the tick retries it
                }
            }
            if (report.version() > current.get().version()) {
                // The node holds a version this hub never issued (its database restored from a
                // backup): the next version goes past it, or the node would refuse every list.
                LOG.warn("door node {} holds version {} of the access list of {}, beyond the hub's {}: issuing past it",
                        reported.node(), report.version(), reported.site(), current.get().version());
                issue(reported.site());
                latest.remove(reported.site());
                continue;
            }
            AccessListRows.Latest answer = current.get();
            rows.holding(reported.node()).ifPresent(holding -> publisher.answer(answer, holding));
        }
    }

    private void issue(String site) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try {
            Optional<AccessListRows.Latest> latest = rows.latest(site);
            long held = rows.holdings(site).stream().mapToLong(AccessListRows.NodeHolding::heldVersion).max().orElse(0);
            long version = Math.max(latest.map(AccessListRows.Latest::version).orElse(0L), held) + 1;
            Optional<AccessList> previous = latest.filter(list -> list.version() == version - 1)
                    .flatMap(this::decode);
            AccessListBuilder.Built built = AccessListBuilder.build(site, version, now,
                    coworking.grants(site, now), previous);
            if (built.duplicates() > 0) {
                LOG.error("the coworking data of {} grants {} badge hashes twice: the first grant of each is kept",
                        site, built.duplicates());
            }
            byte[] snapshot = wire.encode(signer.sign(built.snapshot()));
            byte[] delta = built.delta().map(list -> wire.encode(signer.sign(list))).orElse(null);
            rows.issued(site, version, now.toEpochMilli(), snapshot, delta, KEPT_DELTAS);
            failed.remove(site);
            LOG.info("access list {} of {} issued: {} grants, {} revoked{}", version, site,
                    built.snapshot().grants().size(), built.snapshot().revoked().size(),
                    built.delta().map(d -> ", delta of " + d.grants().size() + " grants and " + d.revoked().size()
                            + " revoked").orElse(""));
            AccessListRows.Latest issued = new AccessListRows.Latest(site, version, now.toEpochMilli());
            publisher.issued(issued, snapshot);
            publisher.toDoorNodes(issued);
            refreshMetrics();
        } catch (RuntimeException e) {
            failed.add(site);
            throw e;
        }
    }

    /** The stored snapshot as a list, to make the next delta from; empty if it cannot be read back. */
    private Optional<AccessList> decode(AccessListRows.Latest latest) {
        try {
            Optional<byte[]> snapshot = rows.snapshot(latest.site(), latest.version());
            if (snapshot.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(codec.decode(wire.decode(snapshot.get()).payload()));
        } catch (AccessListException | RuntimeException e) {
            LOG.error("the stored access list {} of {} cannot be read back ({}): the next version has no delta",
                    latest.version(), latest.site(), e.getMessage());
            return Optional.empty();
        }
    }

    private void refreshMetrics() {
        Map<String, long[]> sites = new HashMap<>();
        for (Map.Entry<String, Long> site : rows.latestVersions().entrySet()) {
            long behind = rows.latest(site.getKey()).map(publisher::behind).orElse(0);
            sites.put(site.getKey(), new long[] {site.getValue(), behind});
        }
        metrics.sites(sites);
    }

    private static void guarded(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // The thread must go on: a scheduled task that throws is never run again.
            LOG.error("{} failed; tried again later", what, e);
        }
    }

    /** Work already queued is dropped: what it would have done is done at the next start. */
    @Override
    public void close() {
        if (thread != null) {
            thread.shutdownNow();
            try {
                thread.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** For tests: runs on the access lists' thread and waits, so what was queued before is done. */
    void flush() throws Exception {
        thread.submit(() -> { }).get(30, TimeUnit.SECONDS);
    }

    List<String> pendingSites() {
        return List.copyOf(pending);
    }
}
