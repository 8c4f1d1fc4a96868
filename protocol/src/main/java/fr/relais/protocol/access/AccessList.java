package fr.relais.protocol.access;

import fr.relais.protocol.Ids;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the doors of one site may let in, as the hub publishes it to the site's door nodes: a full
 * snapshot, or a delta from {@code baseVersion}. It only ever holds badge hashes (HMAC-SHA256 of
 * the number with the site's key), never a number. It travels signed ({@link SignedAccessList}):
 * a node uses a list only if the hub's key signed it, for its own site, at a version newer than
 * the one it holds.
 *
 * @param version     increases with every change of the site's list
 * @param baseVersion present for a delta: the version it applies to (a node holding another one
 *                    asks again and gets a snapshot)
 * @param timeZone    the place's time zone: windows and dates are local times in it (daylight
 *                    saving included)
 * @param grants      a snapshot: every badge that may open a door; a delta: the badges added or
 *                    changed
 * @param revoked     badge hashes refused whatever the rest says (reported as "revoked", not
 *                    "unknown"); in a delta, also the hashes removed from the grants
 */
public record AccessList(String site, long version, Optional<Long> baseVersion, Instant issuedAt, ZoneId timeZone,
                         List<BadgeGrant> grants, Set<String> revoked) {
    /** Enough for the coworking place's members many times over; bounds what a node parses. */
    public static final int MAX_GRANTS = 50_000;

    public AccessList {
        if (!Ids.isValid(site)) {
            throw new IllegalArgumentException("site " + Ids.problem(site));
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, got " + version);
        }
        Objects.requireNonNull(baseVersion, "baseVersion");
        baseVersion.ifPresent(base -> {
            if (base < 1 || base >= version) {
                throw new IllegalArgumentException("baseVersion must be >= 1 and below version " + version
                        + ", got " + base);
            }
        });
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(timeZone, "timeZone");
        grants = List.copyOf(grants);
        revoked = Set.copyOf(revoked);
        if (grants.size() > MAX_GRANTS || revoked.size() > MAX_GRANTS) {
            throw new IllegalArgumentException("at most " + MAX_GRANTS + " grants and " + MAX_GRANTS + " revoked");
        }
        Set<String> seen = new HashSet<>();
        for (BadgeGrant grant : grants) {
            if (!seen.add(grant.badgeHash())) {
                throw new IllegalArgumentException("badge " + BadgeGrant.shortHash(grant.badgeHash())
                        + " appears twice");
            }
            if (revoked.contains(grant.badgeHash())) {
                throw new IllegalArgumentException("badge " + BadgeGrant.shortHash(grant.badgeHash())
                        + " is both granted and revoked");
            }
        }
        revoked.forEach(BadgeGrant::requireHash);
    }

    public boolean isDelta() {
        return baseVersion.isPresent();
    }
}
