package fr.relais.agent.access;

import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.AccessListException;
import fr.relais.protocol.access.AccessListException.Reason;
import fr.relais.protocol.access.BadgeGrant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a verified delta to the held snapshot, giving the snapshot the hub would have sent at
 * the delta's version:
 * <ul>
 * <li>version, issuedAt and time zone are the delta's; the result is a snapshot (no base);</li>
 * <li>a hash in the delta's {@code revoked} leaves the grants and joins the revoked;</li>
 * <li>a grant in the delta replaces the grant of the same hash, or is added (after the others),
 * and leaves the revoked if it was there: the hub re-granted it.</li>
 * </ul>
 */
final class AccessListMerge {
    private AccessListMerge() {
    }

    static AccessList apply(AccessList snapshot, AccessList delta) throws AccessListException {
        if (snapshot.isDelta() || !delta.isDelta()) {
            throw new IllegalArgumentException("a delta is merged into a snapshot");
        }
        Map<String, BadgeGrant> grants = new LinkedHashMap<>();
        snapshot.grants().forEach(grant -> grants.put(grant.badgeHash(), grant));
        Set<String> revoked = new HashSet<>(snapshot.revoked());
        for (String hash : delta.revoked()) {
            grants.remove(hash);
            revoked.add(hash);
        }
        for (BadgeGrant grant : delta.grants()) {
            grants.put(grant.badgeHash(), grant);
            revoked.remove(grant.badgeHash());
        }
        try {
            return new AccessList(snapshot.site(), delta.version(), Optional.empty(), delta.issuedAt(),
                    delta.timeZone(), List.copyOf(grants.values()), revoked);
        } catch (IllegalArgumentException e) {
            // Only a limit can break here (revoked hashes pile up over many deltas): a fresh
            // snapshot from the hub has none of that history.
            throw new AccessListException(Reason.WRONG_BASE, "baseVersion",
                    "the delta cannot be merged (" + e.getMessage() + "): a snapshot is needed");
        }
    }
}
