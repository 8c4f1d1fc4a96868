package fr.relais.protocol.access;

import fr.relais.protocol.access.AccessListException.Reason;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Glues a door node's fragments back into a signed list's wire bytes. One version at a time: a
 * newer version drops the older one's parts (the hub has moved on), an older one is ignored, and
 * parts left incomplete for {@link #STALE_AFTER} are dropped, so memory stays bounded by one
 * list. Re-delivered parts (QoS 1) are harmless. Not thread-safe: one MQTT callback thread feeds it.
 */
public final class AccessListAssembler {
    public static final Duration STALE_AFTER = Duration.ofMinutes(10);

    private final String site;
    private byte[][] parts;
    private long version;
    private int missing;
    private Instant startedAt;

    /** @param site the node's own site: a fragment for another is refused before it takes memory */
    public AccessListAssembler(String site) {
        this.site = site;
    }

    /**
     * Adds a fragment; returns the whole signed list once its last part arrived.
     *
     * @throws AccessListException OTHER_SITE, or MALFORMED when a part contradicts the others
     *                             (a different part count for the same version)
     */
    public Optional<byte[]> add(AccessListFragment fragment, Instant now) throws AccessListException {
        if (!fragment.site().equals(site)) {
            throw new AccessListException(Reason.OTHER_SITE, "site", "fragment for site '" + fragment.site()
                    + "', this node is of '" + site + "'");
        }
        if (parts != null && now.isAfter(startedAt.plus(STALE_AFTER))) {
            parts = null;
        }
        if (parts == null || fragment.version() > version) {
            start(fragment, now);
        } else if (fragment.version() < version) {
            return Optional.empty();
        } else if (fragment.parts() != parts.length) {
            String before = parts.length + " parts";
            parts = null;
            throw new AccessListException(Reason.MALFORMED, "parts", "version " + fragment.version() + " came in "
                    + fragment.parts() + " parts after " + before + ": dropped, the hub sends it again");
        }
        if (parts[fragment.part()] == null) {
            parts[fragment.part()] = fragment.data();
            missing--;
        }
        if (missing > 0) {
            return Optional.empty();
        }
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            whole.writeBytes(part);
        }
        parts = null;
        return Optional.of(whole.toByteArray());
    }

    /** The version being assembled, if any part of it is waiting. */
    public Optional<Long> pendingVersion() {
        return parts == null ? Optional.empty() : Optional.of(version);
    }

    private void start(AccessListFragment fragment, Instant now) {
        parts = new byte[fragment.parts()][];
        version = fragment.version();
        missing = fragment.parts();
        startedAt = now;
    }
}
