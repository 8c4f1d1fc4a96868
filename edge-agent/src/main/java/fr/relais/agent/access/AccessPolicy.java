package fr.relais.agent.access;

import fr.relais.protocol.access.BadgeGrant.BadgeClass;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How old a held access list may be. Two limits, because the issue asks for both: past
 * {@code staleAfter} the door keeps deciding with the list (a network outage must not leave
 * members outside) and the agent reports it so the hub raises an alert; past the badge class's
 * {@code refuseAfter} the list is no longer trusted for that class, and its badges are refused with
 * {@code list-too-old}. Staff and maintenance get a longer limit: they must be able to reach the
 * equipment to repair the very link that is down.
 *
 * <p>The age is measured from when the agent last received (or had confirmed) the list, not from
 * when the hub issued it: an unchanged list stays fresh as long as the hub keeps confirming it.
 */
public record AccessPolicy(Duration staleAfter, Map<BadgeClass, Duration> refuseAfter) {
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofHours(24);
    public static final Duration DEFAULT_MEMBER_REFUSE_AFTER = Duration.ofDays(7);
    public static final Duration DEFAULT_STAFF_REFUSE_AFTER = Duration.ofDays(30);
    public static final Duration DEFAULT_MAINTENANCE_REFUSE_AFTER = Duration.ofDays(30);

    public AccessPolicy {
        Objects.requireNonNull(staleAfter, "staleAfter");
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("staleAfter must be positive, got " + staleAfter);
        }
        Map<BadgeClass, Duration> copy = new EnumMap<>(BadgeClass.class);
        for (BadgeClass badgeClass : BadgeClass.values()) {
            Duration limit = refuseAfter.get(badgeClass);
            if (limit == null) {
                throw new IllegalArgumentException("refuseAfter." + badgeClass + " is missing");
            }
            if (limit.compareTo(staleAfter) < 0) {
                throw new IllegalArgumentException("refuseAfter." + badgeClass + " (" + limit
                        + ") must not be shorter than staleAfter (" + staleAfter + ")");
            }
            copy.put(badgeClass, limit);
        }
        refuseAfter = Map.copyOf(copy);
    }

    public static AccessPolicy defaults() {
        return new AccessPolicy(DEFAULT_STALE_AFTER, Map.of(
                BadgeClass.MEMBER, DEFAULT_MEMBER_REFUSE_AFTER,
                BadgeClass.STAFF, DEFAULT_STAFF_REFUSE_AFTER,
                BadgeClass.MAINTENANCE, DEFAULT_MAINTENANCE_REFUSE_AFTER));
    }

    /** The agent says so in its telemetry; decisions go on. */
    public boolean stale(Duration listAge) {
        return listAge.compareTo(staleAfter) > 0;
    }

    /** The list no longer speaks for this class of badge. */
    public boolean tooOldFor(BadgeClass badgeClass, Duration listAge) {
        return listAge.compareTo(refuseAfter.get(badgeClass)) > 0;
    }
}
