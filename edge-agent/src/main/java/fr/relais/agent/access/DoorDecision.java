package fr.relais.agent.access;

import fr.relais.protocol.access.AccessReason;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What the door does with one badge read, and what the access event says of it.
 *
 * @param member         the grant's member id when the badge is in the list (absent for an unknown
 *                       badge or without a list)
 * @param packDayToCount the local day this entry consumes from a pack, when it is the first of the
 *                       day: the caller records it in the {@link PackDayLedger} and the access
 *                       event carries it so the hub decrements the pack once
 */
public record DoorDecision(boolean granted, AccessReason reason, Optional<String> member,
                           Optional<LocalDate> packDayToCount) {
    public DoorDecision {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(packDayToCount, "packDayToCount");
        if (granted != reason.granted()) {
            throw new IllegalArgumentException("reason " + reason.wire() + " does not match granted=" + granted);
        }
        if (packDayToCount.isPresent() && reason != AccessReason.PACK_DAY) {
            throw new IllegalArgumentException("only a pack-day entry counts a day");
        }
    }

    static DoorDecision denied(AccessReason reason) {
        return new DoorDecision(false, reason, Optional.empty(), Optional.empty());
    }

    static DoorDecision of(AccessReason reason, String member) {
        return new DoorDecision(reason.granted(), reason, Optional.of(member), Optional.empty());
    }

    static DoorDecision packDay(String member, LocalDate toCount) {
        return new DoorDecision(true, AccessReason.PACK_DAY, Optional.of(member), Optional.of(toCount));
    }
}
