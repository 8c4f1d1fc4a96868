package fr.relais.hub.access;

import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.BadgeGrant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A delta applied to a snapshot the way a door node does it (edge-agent's AccessListMerge, which
 * the hub cannot depend on): the delta's revoked leave the grants and join the revoked; its
 * grants replace those of the same hash, or join, and leave the revoked.
 */
final class Merge {
    private Merge() {
    }

    static AccessList apply(AccessList snapshot, AccessList delta) {
        Map<String, BadgeGrant> grants = byHash(snapshot.grants());
        Set<String> revoked = new HashSet<>(snapshot.revoked());
        for (String hash : delta.revoked()) {
            grants.remove(hash);
            revoked.add(hash);
        }
        for (BadgeGrant grant : delta.grants()) {
            grants.put(grant.badgeHash(), grant);
            revoked.remove(grant.badgeHash());
        }
        return new AccessList(snapshot.site(), delta.version(), Optional.empty(), delta.issuedAt(), delta.timeZone(),
                List.copyOf(grants.values()), revoked);
    }

    static Map<String, BadgeGrant> byHash(List<BadgeGrant> grants) {
        Map<String, BadgeGrant> map = new LinkedHashMap<>();
        grants.forEach(grant -> map.put(grant.badgeHash(), grant));
        return map;
    }
}
