package fr.relais.hub.access;

import fr.relais.hub.ingest.NotSentException;
import fr.relais.protocol.Topic;
import fr.relais.protocol.access.AccessListFragments;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a site's current list to its door nodes, as fragments on each node's own access topic
 * (QoS 1, not retained): the delta when the node said it holds the version just before and
 * needs no snapshot, else the snapshot. A node still behind is sent the list again after
 * {@link #RESEND_AFTER}, then after twice as long each time, up to {@link #MAX_RESEND_AFTER}
 * (a node that cannot use the list, an old agent, must not get megabytes every two minutes).
 * Runs on the access lists' thread only.
 */
public final class AccessListPublisher {
    /** The transport: {@code HubLink::publish}. */
    public interface Link {
        CompletableFuture<Void> publish(String topic, byte[] payload) throws NotSentException;
    }

    static final Duration RESEND_AFTER = Duration.ofMinutes(2);
    static final Duration MAX_RESEND_AFTER = Duration.ofHours(1);
    /** Fragments handed to the MQTT client and not yet acknowledged, at most. */
    static final int WINDOW = 16;
    /** A failed send is tried again this much later (a hub starting, a broker restarting). */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(AccessListPublisher.class);

    private final AccessListRows rows;
    private final Link link;
    private final Clock clock;
    /** Per node: sends since its last report, and whether the last one was a delta. */
    private final Map<String, Integer> attempts = new HashMap<>();
    private final Map<String, Boolean> lastWasDelta = new HashMap<>();
    /** Per node: when the last send failed (the MQTT client refused it, no acknowledgement). */
    private final Map<String, Long> failedAt = new HashMap<>();
    /** Each site's latest snapshot, read once for all its nodes. */
    private final Map<String, AccessListRows.Latest> cachedVersion = new HashMap<>();
    private final Map<String, byte[]> cachedSnapshot = new HashMap<>();
    private final AccessListFragments fragmenter = new AccessListFragments();
    private final AtomicLong fragments = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    AccessListPublisher(AccessListRows rows, Link link, Clock clock) {
        this.rows = rows;
        this.link = link;
        this.clock = clock;
    }

    /** After a new version: to every door node of the site that does not hold it. */
    void toDoorNodes(AccessListRows.Latest latest) {
        Map<String, AccessListRows.NodeHolding> holdings = holdings(latest.site());
        for (String node : rows.doorNodes(latest.site())) {
            AccessListRows.NodeHolding holding = holdings.get(node);
            if (holding == null || holding.heldVersion() != latest.version()) {
                send(latest, node, Optional.ofNullable(holding));
            }
        }
    }

    /**
     * A node reported: it is answered now if behind, unless it was sent this very version lately
     * (a node refusing what it gets would otherwise be sent it again at each of its reports); a
     * node that needs a snapshot after being sent a delta is answered at once.
     */
    void answer(AccessListRows.Latest latest, AccessListRows.NodeHolding holding) {
        attempts.remove(holding.node());
        if (holding.heldVersion() == latest.version()) {
            return;
        }
        boolean sentLately = holding.sentVersion() != null && holding.sentVersion() == latest.version()
                && holding.sentAt() != null && clock.millis() - holding.sentAt() < RESEND_AFTER.toMillis();
        boolean deltaFailed = holding.needSnapshot() && lastWasDelta.getOrDefault(holding.node(), false);
        if (sentLately && !deltaFailed) {
            return;
        }
        send(latest, holding.node(), Optional.of(holding));
    }

    /** The door nodes still behind whose last send is old enough, and those never sent anything. */
    void resend(AccessListRows.Latest latest) {
        Map<String, AccessListRows.NodeHolding> holdings = holdings(latest.site());
        long now = clock.millis();
        for (String node : rows.doorNodes(latest.site())) {
            AccessListRows.NodeHolding holding = holdings.get(node);
            if (holding != null && holding.heldVersion() == latest.version()) {
                continue;
            }
            Long failed = failedAt.get(node);
            if (failed != null && now - failed < RETRY_AFTER_FAILURE.toMillis()) {
                continue;
            }
            if (failed != null || holding == null || holding.sentAt() == null
                    || now - holding.sentAt() >= waitAfter(node).toMillis()) {
                send(latest, node, Optional.ofNullable(holding));
            }
        }
    }

    /** The snapshot just issued, so that sending it to each node does not read it back. */
    void issued(AccessListRows.Latest latest, byte[] snapshot) {
        cachedVersion.put(latest.site(), latest);
        cachedSnapshot.put(latest.site(), snapshot);
    }

    /** Door nodes of the site that do not hold its latest version, for the metrics. */
    int behind(AccessListRows.Latest latest) {
        Map<String, AccessListRows.NodeHolding> holdings = holdings(latest.site());
        return (int) rows.doorNodes(latest.site()).stream().filter(node -> holdings.get(node) == null
                || holdings.get(node).heldVersion() != latest.version()).count();
    }

    long fragmentsPublished() {
        return fragments.get();
    }

    long publishFailures() {
        return failures.get();
    }

    private Duration waitAfter(String node) {
        int sent = Math.min(attempts.getOrDefault(node, 1), 6);
        Duration wait = RESEND_AFTER.multipliedBy(1L << Math.max(0, sent - 1));
        return wait.compareTo(MAX_RESEND_AFTER) > 0 ? MAX_RESEND_AFTER : wait;
    }

    private void send(AccessListRows.Latest latest, String node, Optional<AccessListRows.NodeHolding> holding) {
        Optional<byte[]> delta = holding.filter(held -> held.reportedAt() != null && !held.needSnapshot()
                        && held.heldVersion() == latest.version() - 1)
                .flatMap(held -> rows.delta(latest.site(), latest.version()));
        byte[] wire = delta.orElseGet(() -> snapshot(latest));
        if (wire == null) {
            LOG.warn("the snapshot of access list {} of {} is gone (a newer one was issued meanwhile)", latest.version(),
                    latest.site());
            return;
        }
        List<byte[]> parts = fragmenter.split(latest.site(), latest.version(), wire);
        String topic = Topic.access(latest.site(), node).path();
        try {
            handOver(topic, parts);
        } catch (NotSentException e) {
            failures.incrementAndGet();
            LOG.warn("access list {} of {} not sent to {}: {}; sent again later", latest.version(), latest.site(), node,
                    e.getMessage());
            // Not recorded as sent (the node's own reports are still answered at once); tried
            // again at a tick RETRY_AFTER_FAILURE later, such as once the broker session is up
            // after the hub's start.
            failedAt.put(node, clock.millis());
            return;
        }
        failedAt.remove(node);
        attempts.merge(node, 1, Integer::sum);
        lastWasDelta.put(node, delta.isPresent());
        rows.sent(node, latest.site(), latest.version(), clock.millis());
        LOG.info("access list {} of {} sent to {} as a {} ({} bytes, {} fragments)", latest.version(), latest.site(),
                node, delta.isPresent() ? "delta" : "snapshot", wire.length, parts.size());
    }

    /**
     * Publishes the fragments with at most {@link #WINDOW} unacknowledged at a time, and waits for
     * the last: the hub's MQTT client takes {@code HubLink.MAX_INFLIGHT} at most, commands
     * included, and a 10 000-badge list is some thirty fragments per door node.
     */
    private void handOver(String topic, List<byte[]> parts) throws NotSentException {
        Deque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
        for (byte[] part : parts) {
            if (inFlight.size() >= WINDOW) {
                acknowledged(inFlight.removeFirst());
            }
            inFlight.addLast(link.publish(topic, part));
            fragments.incrementAndGet();
        }
        while (!inFlight.isEmpty()) {
            acknowledged(inFlight.removeFirst());
        }
    }

    private static void acknowledged(CompletableFuture<Void> publication) throws NotSentException {
        try {
            publication.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotSentException("interrupted while the hub stops", e);
        } catch (ExecutionException | TimeoutException e) {
            // The connection went before the PUBACK (the client does not send it again) or the
            // broker is slow: the node is sent the list again RETRY_AFTER_FAILURE later.
            throw new NotSentException("the broker did not acknowledge a fragment: " + e, e);
        }
    }

    private byte[] snapshot(AccessListRows.Latest latest) {
        if (!latest.equals(cachedVersion.get(latest.site()))) {
            Optional<byte[]> stored = rows.snapshot(latest.site(), latest.version());
            if (stored.isEmpty()) {
                return null;
            }
            issued(latest, stored.get());
        }
        return cachedSnapshot.get(latest.site());
    }

    private Map<String, AccessListRows.NodeHolding> holdings(String site) {
        Map<String, AccessListRows.NodeHolding> bySite = new HashMap<>();
        rows.holdings(site).forEach(holding -> bySite.put(holding.node(), holding));
        return bySite;
    }
}
