package fr.relais.agent.access;

import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.BadgeGrant;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The access list a door node decides with (always a full snapshot: deltas are merged before),
 * indexed by badge hash once when it arrives so a read costs a lookup, not a scan of the list.
 *
 * @param receivedAt when the agent last received or had the hub confirm this list: its age counts
 *                   from there
 */
public record HeldList(AccessList list, Instant receivedAt, Map<String, BadgeGrant> byHash) {
    public HeldList {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (list.isDelta()) {
            throw new IllegalArgumentException("a door decides with a snapshot, not with the delta "
                    + list.baseVersion().orElseThrow() + "->" + list.version());
        }
        byHash = Map.copyOf(byHash);
    }

    public static HeldList of(AccessList list, Instant receivedAt) {
        Map<String, BadgeGrant> index = new HashMap<>();
        list.grants().forEach(grant -> index.put(grant.badgeHash(), grant));
        return new HeldList(list, receivedAt, index);
    }

    public Optional<BadgeGrant> grant(String badgeHash) {
        return Optional.ofNullable(byHash.get(badgeHash));
    }

    public boolean revoked(String badgeHash) {
        return list.revoked().contains(badgeHash);
    }

    /** A clock set back after the list arrived makes the list look fresh, never negative. */
    public Duration age(Instant now) {
        Duration age = Duration.between(receivedAt, now);
        return age.isNegative() ? Duration.ZERO : age;
    }
}
