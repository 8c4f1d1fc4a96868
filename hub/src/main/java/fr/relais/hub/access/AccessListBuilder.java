package fr.relais.hub.access;

import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.BadgeGrant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes a site's list at a version from what the coworking data grants now: the snapshot, and the
 * delta from the previous snapshot. Merged on a node the way edge-agent's AccessListMerge does
 * (a delta's revoked leave the grants and join the revoked, its grants replace or join and leave
 * the revoked), the delta gives exactly the snapshot's grants; the node's revoked may hold more
 * (the badges no longer granted, refused as "revoked" instead of "unknown": refused either way).
 * Pure: no clock, no database.
 */
final class AccessListBuilder {
    /** The lists of one version; {@code duplicates}: grants dropped because their hash came twice. */
    record Built(AccessList snapshot, Optional<AccessList> delta, int duplicates) {
    }

    private AccessListBuilder() {
    }

    /**
     * @param previous the snapshot of {@code version - 1}, if the hub has it: then a delta is made
     * @throws IllegalArgumentException if the lists break a protocol limit (too many grants)
     */
    static Built build(String site, long version, Instant issuedAt, SiteGrants data, Optional<AccessList> previous) {
        // A hash both granted and revoked is refused: the door errs on the closed side.
        Set<String> revoked = new TreeSet<>(data.revokedHashes());
        Map<String, BadgeGrant> grants = new LinkedHashMap<>();
        int duplicates = 0;
        for (BadgeGrant grant : data.grants()) {
            if (revoked.contains(grant.badgeHash())) {
                continue;
            }
            if (grants.putIfAbsent(grant.badgeHash(), grant) != null) {
                duplicates++;
            }
        }
        AccessList snapshot = new AccessList(site, version, Optional.empty(), issuedAt, data.timeZone(),
                List.copyOf(grants.values()), revoked);
        Optional<AccessList> delta = previous.filter(before -> before.version() == version - 1 && !before.isDelta())
                .map(before -> delta(snapshot, before));
        return new Built(snapshot, delta, duplicates);
    }

    private static AccessList delta(AccessList snapshot, AccessList before) {
        Map<String, BadgeGrant> old = new LinkedHashMap<>();
        before.grants().forEach(grant -> old.put(grant.badgeHash(), grant));
        List<BadgeGrant> changed = new ArrayList<>();
        Set<String> now = new HashSet<>();
        for (BadgeGrant grant : snapshot.grants()) {
            now.add(grant.badgeHash());
            if (!grant.equals(old.get(grant.badgeHash()))) {
                changed.add(grant);
            }
        }
        Set<String> revoked = new TreeSet<>();
        for (String hash : snapshot.revoked()) {
            if (!before.revoked().contains(hash)) {
                revoked.add(hash);
            }
        }
        for (String hash : old.keySet()) {
            if (!now.contains(hash)) {
                revoked.add(hash); // no longer granted: the node drops it
            }
        }
        return new AccessList(snapshot.site(), snapshot.version(), Optional.of(before.version()),
                snapshot.issuedAt(), snapshot.timeZone(), changed, revoked);
    }
}
