package fr.relais.agent.access;

import static fr.relais.protocol.access.AccessReason.BOOKING;
import static fr.relais.protocol.access.AccessReason.EXPIRED;
import static fr.relais.protocol.access.AccessReason.HOURS;
import static fr.relais.protocol.access.AccessReason.LIST_TOO_OLD;
import static fr.relais.protocol.access.AccessReason.MAINTENANCE;
import static fr.relais.protocol.access.AccessReason.NOT_YET_VALID;
import static fr.relais.protocol.access.AccessReason.NO_BOOKING;
import static fr.relais.protocol.access.AccessReason.NO_DAYS_LEFT;
import static fr.relais.protocol.access.AccessReason.NO_LIST;
import static fr.relais.protocol.access.AccessReason.OUTSIDE_HOURS;
import static fr.relais.protocol.access.AccessReason.REVOKED;
import static fr.relais.protocol.access.AccessReason.STAFF;
import static fr.relais.protocol.access.AccessReason.SUSPENDED;
import static fr.relais.protocol.access.AccessReason.UNKNOWN;
import static fr.relais.protocol.access.AccessReason.WRONG_DOOR;

import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.AccessReason;
import fr.relais.protocol.access.AccessWindow;
import fr.relais.protocol.access.BadgeGrant;
import fr.relais.protocol.access.BadgeGrant.BadgeClass;
import fr.relais.protocol.access.BadgeGrant.PackDays;
import fr.relais.protocol.access.BookingSlot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Optional;

/**
 * The decision at the door, made on the Pi without the hub: deny by default, pure and
 * deterministic (the caller gives the clock's instant, the list and what the door counted
 * locally), so the same read always gets the same answer and tests can state it exactly.
 *
 * <p>Order, first match wins: no list; revoked; unknown (never granted, however fresh the list);
 * suspended; not yet valid / expired (local days); list too old for the badge's class; staff or
 * maintenance on one of their doors (any hour); a booking of this door containing now; a door the
 * badge does not have ({@code no-booking} for a bookings-only badge or one booked on this door at
 * another time, {@code wrong-door} otherwise); within the weekly hours ({@code hours}, or for a
 * pack: {@code pack-day} / {@code no-days-left}); {@code outside-hours}. A pack day is free when
 * the list or this door's {@link PackDayLedger} already counted today; otherwise it needs a day
 * left after the ledger's own counts, and the decision names the day to count.
 *
 * <p>Local time is the list's zone applied to the instant, so daylight saving needs no special
 * case: on the spring-forward night no instant has a local time in 02:00-03:00, and on the autumn
 * night both passes through 02:00-03:00 are inside a window that covers it.
 */
public final class DoorDecisions {
    private DoorDecisions() {
    }

    /** Without a list, or with a list and nothing counted locally since it arrived. */
    public static DoorDecision decide(Optional<AccessList> list, Instant listReceivedAt, String badgeHash,
                                      String doorId, Instant now, AccessPolicy policy) {
        return decide(list.map(held -> HeldList.of(held, listReceivedAt)), badgeHash, doorId, now, policy,
                PackDayLedger.empty());
    }

    public static DoorDecision decide(Optional<HeldList> held, String badgeHash, String doorId, Instant now,
                                      AccessPolicy policy, PackDayLedger ledger) {
        if (held.isEmpty()) {
            return DoorDecision.denied(NO_LIST);
        }
        HeldList list = held.get();
        if (list.revoked(badgeHash)) {
            return DoorDecision.denied(REVOKED);
        }
        Optional<BadgeGrant> found = list.grant(badgeHash);
        if (found.isEmpty()) {
            return DoorDecision.denied(UNKNOWN);
        }
        BadgeGrant grant = found.get();
        String member = grant.member();
        if (grant.suspended()) {
            return DoorDecision.of(SUSPENDED, member);
        }
        LocalDateTime local = LocalDateTime.ofInstant(now, list.list().timeZone());
        LocalDate today = local.toLocalDate();
        if (grant.validFrom().filter(today::isBefore).isPresent()) {
            return DoorDecision.of(NOT_YET_VALID, member);
        }
        if (grant.validUntil().filter(today::isAfter).isPresent()) {
            return DoorDecision.of(EXPIRED, member);
        }
        if (policy.tooOldFor(grant.badgeClass(), list.age(now))) {
            return DoorDecision.of(LIST_TOO_OLD, member);
        }
        boolean ownDoor = grant.doors().contains(doorId);
        if (ownDoor && grant.badgeClass() != BadgeClass.MEMBER) {
            return DoorDecision.of(grant.badgeClass() == BadgeClass.STAFF ? STAFF : MAINTENANCE, member);
        }
        if (grant.bookings().stream().anyMatch(slot -> slot.door().equals(doorId) && contains(slot, now))) {
            return DoorDecision.of(BOOKING, member);
        }
        if (!ownDoor) {
            boolean bookedHere = grant.bookings().stream().anyMatch(slot -> slot.door().equals(doorId));
            return DoorDecision.of(grant.doors().isEmpty() || bookedHere ? NO_BOOKING : WRONG_DOOR, member);
        }
        if (grant.windows().stream().noneMatch(window -> contains(window, local))) {
            return DoorDecision.of(OUTSIDE_HOURS, member);
        }
        if (grant.packDays().isEmpty()) {
            return DoorDecision.of(HOURS, member);
        }
        return packDay(member, grant.packDays().get(), today, ledger);
    }

    private static DoorDecision packDay(String member, PackDays listed, LocalDate today, PackDayLedger ledger) {
        if (listed.countedDay().filter(today::equals).isPresent() || ledger.countedOn(member, today)) {
            return DoorDecision.of(AccessReason.PACK_DAY, member);
        }
        boolean dayLeft = ledger.effective(member, listed).left() > 0;
        return dayLeft ? DoorDecision.packDay(member, today) : DoorDecision.of(NO_DAYS_LEFT, member);
    }

    /** Margins are already in the slot: from inclusive, until exclusive. */
    static boolean contains(BookingSlot slot, Instant now) {
        return !now.isBefore(slot.from()) && now.isBefore(slot.until());
    }

    /** From inclusive, until exclusive; an until of 00:00 means the end of the day. */
    static boolean contains(AccessWindow window, LocalDateTime local) {
        if (!window.days().contains(local.getDayOfWeek())) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        boolean beforeEnd = window.until().equals(LocalTime.MIDNIGHT) || time.isBefore(window.until());
        return !time.isBefore(window.from()) && beforeEnd;
    }
}
