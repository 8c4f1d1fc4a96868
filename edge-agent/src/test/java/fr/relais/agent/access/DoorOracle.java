package fr.relais.agent.access;

import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.AccessReason;
import fr.relais.protocol.access.AccessWindow;
import fr.relais.protocol.access.BadgeGrant;
import fr.relais.protocol.access.BadgeGrant.BadgeClass;
import fr.relais.protocol.access.BadgeGrant.PackDays;
import fr.relais.protocol.access.BookingSlot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The door's rules computed another way, to check the engine against: local time by hand from the
 * zone's offset in epoch seconds, the weekly windows as a 7 x 1440 grid of open minutes (windows
 * in the generated lists start and end on whole minutes), days as epoch-day numbers, a scan of the
 * list instead of an index, the age limits written out. Shares no code with DoorDecisions.
 */
final class DoorOracle {
    private static final long DAY_SECONDS = 86_400;
    private static final long MEMBER_LIMIT_MS = 7L * 86_400_000;
    private static final long STAFF_LIMIT_MS = 30L * 86_400_000;

    private DoorOracle() {
    }

    static DoorDecision decide(AccessList list, Instant receivedAt, String hash, String door, Instant now,
                               Map<String, List<LocalDate>> pending) {
        if (list == null) {
            return new DoorDecision(false, AccessReason.NO_LIST, Optional.empty(), Optional.empty());
        }
        if (list.revoked().contains(hash)) {
            return new DoorDecision(false, AccessReason.REVOKED, Optional.empty(), Optional.empty());
        }
        BadgeGrant grant = null;
        for (BadgeGrant candidate : list.grants()) {
            if (candidate.badgeHash().equals(hash)) {
                grant = candidate;
            }
        }
        if (grant == null) {
            return new DoorDecision(false, AccessReason.UNKNOWN, Optional.empty(), Optional.empty());
        }
        long localSeconds = now.getEpochSecond() + list.timeZone().getRules().getOffset(now).getTotalSeconds();
        long epochDay = Math.floorDiv(localSeconds, DAY_SECONDS);
        int minute = (int) (Math.floorMod(localSeconds, DAY_SECONDS) / 60);
        int weekday = (int) Math.floorMod(epochDay + 3, 7L);
        long ageMs = Math.max(0, now.toEpochMilli() - receivedAt.toEpochMilli());
        long limitMs = grant.badgeClass() == BadgeClass.MEMBER ? MEMBER_LIMIT_MS : STAFF_LIMIT_MS;
        boolean bookedNow = false;
        boolean bookedHere = false;
        for (BookingSlot slot : grant.bookings()) {
            if (slot.door().equals(door)) {
                bookedHere = true;
                long at = now.toEpochMilli();
                bookedNow |= at >= slot.from().toEpochMilli() && at < slot.until().toEpochMilli();
            }
        }
        boolean ownDoor = grant.doors().contains(door);
        AccessReason reason;
        Optional<LocalDate> count = Optional.empty();
        if (grant.suspended()) {
            reason = AccessReason.SUSPENDED;
        } else if (grant.validFrom().isPresent() && epochDay < grant.validFrom().get().toEpochDay()) {
            reason = AccessReason.NOT_YET_VALID;
        } else if (grant.validUntil().isPresent() && epochDay > grant.validUntil().get().toEpochDay()) {
            reason = AccessReason.EXPIRED;
        } else if (ageMs > limitMs) {
            reason = AccessReason.LIST_TOO_OLD;
        } else if (ownDoor && grant.badgeClass() == BadgeClass.STAFF) {
            reason = AccessReason.STAFF;
        } else if (ownDoor && grant.badgeClass() == BadgeClass.MAINTENANCE) {
            reason = AccessReason.MAINTENANCE;
        } else if (bookedNow) {
            reason = AccessReason.BOOKING;
        } else if (!ownDoor) {
            reason = grant.doors().isEmpty() || bookedHere ? AccessReason.NO_BOOKING : AccessReason.WRONG_DOOR;
        } else if (!grid(grant.windows())[weekday][minute]) {
            reason = AccessReason.OUTSIDE_HOURS;
        } else if (grant.packDays().isEmpty()) {
            reason = AccessReason.HOURS;
        } else {
            PackDays pack = grant.packDays().get();
            List<LocalDate> here = pending.getOrDefault(grant.member(), List.of());
            long listed = pack.countedDay().map(LocalDate::toEpochDay).orElse(Long.MIN_VALUE);
            long unseen = here.stream().filter(day -> day.toEpochDay() > listed).count();
            boolean countedToday = listed == epochDay || here.stream().anyMatch(day -> day.toEpochDay() == epochDay);
            if (countedToday) {
                reason = AccessReason.PACK_DAY;
            } else if (pack.left() - unseen > 0) {
                reason = AccessReason.PACK_DAY;
                count = Optional.of(LocalDate.ofEpochDay(epochDay));
            } else {
                reason = AccessReason.NO_DAYS_LEFT;
            }
        }
        return new DoorDecision(reason.granted(), reason, Optional.of(grant.member()), count);
    }

    private static boolean[][] grid(List<AccessWindow> windows) {
        boolean[][] open = new boolean[7][1440];
        for (AccessWindow window : windows) {
            int from = window.from().toSecondOfDay() / 60;
            int until = window.until().equals(LocalTime.MIDNIGHT) ? 1440 : window.until().toSecondOfDay() / 60;
            window.days().forEach(day -> {
                for (int m = from; m < until; m++) {
                    open[day.getValue() - 1][m] = true;
                }
            });
        }
        return open;
    }
}
