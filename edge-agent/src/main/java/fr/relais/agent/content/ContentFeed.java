package fr.relais.agent.content;

import fr.relais.agent.store.StorageException;
import fr.relais.agent.uplink.ContentInbox;
import fr.relais.protocol.content.InvalidContentException;
import fr.relais.protocol.content.PlaceContent;
import fr.relais.protocol.content.PlaceContentCodec;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk content on its way in: decoded strictly, for this site, newer than the held one, then
 * stored and held. Anything else is refused and counted, and the content held so far stays: the
 * kiosk must keep showing yesterday's hours rather than nothing. The hub re-publishes the same
 * version (retained, every reconnection): that only moves "mis à jour à", it is not a refusal.
 * Thread-safe: offers are serialised, {@link #current()} reads a volatile.
 */
public final class ContentFeed implements ContentInbox {
    private static final Logger LOG = LoggerFactory.getLogger(ContentFeed.class);

    private final String site;
    private final ContentStore store;
    private final Clock clock;
    private final AtomicLong refusedInvalid = new AtomicLong();
    private final AtomicLong refusedOld = new AtomicLong();
    private final AtomicLong storeFailures = new AtomicLong();
    private volatile HeldContent held;
    private volatile String lastRefusal = "";

    private ContentFeed(String site, ContentStore store, Clock clock) {
        this.site = site;
        this.store = store;
        this.clock = clock;
    }

    /** Loads the stored content, decoded again (a row that no longer decodes is ignored, and said). */
    public static ContentFeed open(String site, ContentStore store, Clock clock) {
        ContentFeed feed = new ContentFeed(site, store, clock);
        store.load().ifPresent(stored -> {
            try {
                PlaceContent content = PlaceContentCodec.decode(stored.body());
                feed.held = new HeldContent(content, stored.body(), stored.receivedAt());
                LOG.info("holding kiosk content version {} received at {}", content.version(), stored.receivedAt());
            } catch (InvalidContentException e) {
                LOG.error("the stored kiosk content no longer decodes ({}); waiting for the hub's", e.getMessage());
            }
        });
        return feed;
    }

    public Optional<HeldContent> current() {
        return Optional.ofNullable(held);
    }

    @Override
    public synchronized void deliver(byte[] payload) {
        Instant now = clock.instant();
        PlaceContent content;
        try {
            content = PlaceContentCodec.decode(payload);
        } catch (InvalidContentException | RuntimeException e) {
            refuse(refusedInvalid, e.getMessage());
            return;
        }
        if (!content.site().equals(site)) {
            refuse(refusedInvalid, "content for site '" + content.site() + "', this node is of '" + site + "'");
            return;
        }
        HeldContent before = held;
        if (before != null && content.version() < before.version()) {
            refuse(refusedOld, "version " + content.version() + " is older than the held " + before.version());
            return;
        }
        HeldContent next = new HeldContent(content, payload.clone(), now);
        held = next;
        try {
            store.save(new ContentStore.Stored(content.version(), now, next.raw()));
        } catch (StorageException e) {
            // Served from memory; after a restart the kiosk gets the last stored one until the hub's arrives.
            storeFailures.incrementAndGet();
            LOG.warn("cannot store kiosk content version {}: {}", content.version(), e.getMessage());
        }
    }

    private void refuse(AtomicLong counter, String reason) {
        long count = counter.incrementAndGet();
        lastRefusal = reason == null ? "unknown" : reason;
        // Logged in full the first times only: a broken publisher must not fill the SD card.
        if (count <= 3) {
            LOG.warn("kiosk content refused, the held one stays: {}", lastRefusal);
        } else {
            LOG.debug("kiosk content refused: {}", lastRefusal);
        }
    }

    /** For the node's telemetry. */
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        HeldContent current = held;
        metrics.put("contentVersion", current == null ? 0L : current.version());
        metrics.put("contentRefusedInvalid", refusedInvalid.get());
        metrics.put("contentRefusedOld", refusedOld.get());
        metrics.put("contentStoreFailures", storeFailures.get());
        return metrics;
    }

    public long refusedInvalid() {
        return refusedInvalid.get();
    }

    public long refusedOld() {
        return refusedOld.get();
    }

    public String lastRefusal() {
        return lastRefusal;
    }
}
