package fr.relais.agent.access;

import fr.relais.agent.config.AccessSettings;
import fr.relais.agent.store.StorageException;
import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.AccessListCodec;
import fr.relais.protocol.access.AccessListException;
import fr.relais.protocol.access.AccessListException.Reason;
import fr.relais.protocol.access.AccessListVerifier;
import fr.relais.protocol.access.SignedAccessList;
import fr.relais.protocol.access.SignedAccessListCodec;
import java.security.InvalidKeyException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access list a door node holds: only lists the hub's key signed for this site, newer than
 * the held one. A delta is merged ({@link AccessListMerge}); the signed snapshot and deltas are
 * stored ({@link AccessListStore}) and replayed through the verifier at start, since the node
 * cannot sign the merged list. At most {@link #MAX_DELTAS} deltas follow a snapshot: the next one
 * is refused as {@code WRONG_BASE}, which makes the node ask the hub for a snapshot.
 *
 * <p>Thread-safe: offers are serialised; {@link #current()} reads a volatile immutable list, so
 * the badge thread never waits on a list being verified.
 */
public final class AccessListHolder {
    public static final int MAX_DELTAS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(AccessListHolder.class);

    private final AccessListVerifier verifier;
    private final AccessListStore store;
    private final AccessListRefusals refusals = new AccessListRefusals();
    private final SignedAccessListCodec wire = new SignedAccessListCodec();
    private volatile HeldList held;
    private int deltas;
    private long droppedAtStart;
    private long storeFailures;
    /** A write failed: the stored chain is older than the held list; only a snapshot realigns it. */
    private boolean storeBehind;

    private AccessListHolder(AccessListVerifier verifier, AccessListStore store) {
        this.verifier = verifier;
        this.store = store;
    }

    /** Loads the stored list and verifies it again with today's key and site. */
    public static AccessListHolder open(AccessSettings settings, String site, AccessListStore store) {
        AccessListVerifier verifier;
        try {
            verifier = new AccessListVerifier(settings.publicKey(), site, new AccessListCodec());
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("the access key is not an Ed25519 key: " + e.getMessage(), e);
        }
        AccessListHolder holder = new AccessListHolder(verifier, store);
        holder.load();
        return holder;
    }

    private synchronized void load() {
        List<AccessListStore.Stored> chain = store.load();
        if (chain.isEmpty()) {
            return;
        }
        HeldList replayed = null;
        int position = 0;
        try {
            for (AccessListStore.Stored link : chain) {
                OptionalLong version = replayed == null ? OptionalLong.empty()
                        : OptionalLong.of(replayed.list().version());
                AccessList list = verifier.verify(link.signed(), version);
                if (list.version() != link.version() || (replayed == null) == list.isDelta()) {
                    throw new AccessListException(Reason.MALFORMED, "version", "stored link " + position
                            + " does not match its row (version " + link.version() + ")");
                }
                replayed = HeldList.of(replayed == null ? list : AccessListMerge.apply(replayed.list(), list),
                        link.receivedAt());
                position++;
            }
        } catch (AccessListException e) {
            // Another key after a key renewal, a file edited or damaged: whatever it says is not
            // the hub's word, and an older prefix could let in a badge revoked since. No list.
            droppedAtStart++;
            refusals.count(e.reason());
            LOG.error("the stored access list does not verify at link {} of {} ({}); dropping it: the doors"
                    + " hold no list until the hub sends a snapshot", position, chain.size(), e.getMessage());
            store.clear();
            return;
        }
        held = replayed;
        deltas = chain.size() - 1;
        LOG.info("holding access list version {} ({} grants, {} deltas since the snapshot)",
                held.list().version(), held.list().grants().size(), deltas);
    }

    public Optional<HeldList> current() {
        return Optional.ofNullable(held);
    }

    /** A list as it arrives over MQTT: an envelope that does not even decode is counted as MALFORMED. */
    public synchronized AccessListOffer offer(byte[] wireBytes, Instant now) {
        SignedAccessList signed;
        try {
            signed = wire.decode(wireBytes);
        } catch (AccessListException e) {
            refusals.count(e.reason());
            LOG.warn("access list refused: {}", e.getMessage());
            return AccessListOffer.refused(e);
        }
        return offer(signed, now);
    }

    /** Verifies a list from the hub against the held version and holds it if it is newer. */
    public synchronized AccessListOffer offer(SignedAccessList signed, Instant now) {
        HeldList before = held;
        OptionalLong version = before == null ? OptionalLong.empty() : OptionalLong.of(before.list().version());
        AccessList received;
        AccessList merged;
        try {
            received = verifier.verify(signed, version);
            if (received.isDelta() && deltas >= MAX_DELTAS) {
                throw new AccessListException(Reason.WRONG_BASE, "baseVersion", MAX_DELTAS
                        + " deltas already follow the snapshot: a snapshot is needed");
            }
            merged = received.isDelta() ? AccessListMerge.apply(before.list(), received) : received;
        } catch (AccessListException e) {
            if (e.reason() == Reason.ALREADY_HELD) {
                return confirm(before, now);
            }
            refusals.count(e.reason());
            LOG.warn("access list refused: {}", e.getMessage());
            return AccessListOffer.refused(e);
        }
        persist(received, signed, now);
        held = HeldList.of(merged, now);
        deltas = received.isDelta() ? deltas + 1 : 0;
        return AccessListOffer.of(received.isDelta() ? AccessListOffer.Outcome.DELTA_MERGED
                : AccessListOffer.Outcome.SNAPSHOT_HELD);
    }

    /** The hub re-publishing the held version keeps it fresh: its age counts from now. */
    private AccessListOffer confirm(HeldList before, Instant now) {
        held = new HeldList(before.list(), now, before.byHash());
        if (!storeBehind) {
            try {
                store.touch(now);
            } catch (StorageException e) {
                storeFailures++;
                LOG.warn("cannot store the confirmation of access list version {}: {}", before.list().version(),
                        e.getMessage());
            }
        }
        return AccessListOffer.of(AccessListOffer.Outcome.CONFIRMED);
    }

    /**
     * A list that verified is held even if the disk refuses it: the doors must apply a revocation
     * now. The chain on disk then stays at the last version it could store (still valid, older),
     * and no delta is added to it until a snapshot replaces it.
     */
    private void persist(AccessList received, SignedAccessList signed, Instant now) {
        AccessListStore.Stored link = new AccessListStore.Stored(signed, received.version(), received.site(), now);
        try {
            if (!received.isDelta()) {
                store.replace(link);
                storeBehind = false;
            } else if (!storeBehind) {
                store.append(link);
            }
        } catch (StorageException e) {
            storeFailures++;
            storeBehind = true;
            LOG.error("cannot store access list version {} (held in memory; after a restart the node holds"
                    + " the last stored version): {}", received.version(), e.getMessage());
        }
    }

    /** For the node's telemetry: flat, numbers and one text, the same keys whatever the state. */
    public synchronized Map<String, Object> metrics(Instant now) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        HeldList list = held;
        metrics.put("accessListVersion", list == null ? 0L : list.list().version());
        metrics.put("accessListAgeSeconds", list == null ? -1L : list.age(now).toSeconds());
        metrics.put("accessListGrants", list == null ? 0 : list.list().grants().size());
        metrics.put("accessListDeltas", deltas);
        metrics.put("accessListRefused", refusals.total());
        metrics.put("accessListLastRefusal", refusals.lastWire());
        metrics.put("accessListDroppedAtStart", droppedAtStart);
        metrics.put("accessListStoreFailures", storeFailures);
        return metrics;
    }

    /** A fragment refused before it made a list (garbage, another site): counted like a list. */
    void countRefusal(Reason reason) {
        refusals.count(reason);
    }

    /** How many lists were refused for this reason since start (a list dropped at start included). */
    public long refused(Reason reason) {
        return refusals.of(reason);
    }
}
