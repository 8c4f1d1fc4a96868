package fr.relais.protocol.access;

import fr.relais.protocol.access.BadgeGrant.BadgeClass;
import fr.relais.protocol.access.BadgeGrant.PackDays;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Access lists as the coworking place's hub would publish them. */
final class AccessSamples {
    static final String SITE = "laon-cowork";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private AccessSamples() {
    }

    static String hash(int n) {
        return String.format("%064x", n);
    }

    /** Every field used: bounded validity, suspension, windows to midnight, a booking across the DST change, a pack. */
    static AccessList rich() {
        BadgeGrant member = new BadgeGrant(hash(1), "m-0042", BadgeClass.MEMBER,
                Optional.of(LocalDate.of(2026, 1, 1)), Optional.of(LocalDate.of(2026, 12, 31)), false,
                Set.of("porte-rue", "porte-open-space"),
                List.of(new AccessWindow(Set.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, DayOfWeek.WEDNESDAY),
                                LocalTime.of(8, 0), LocalTime.of(19, 30)),
                        new AccessWindow(Set.of(DayOfWeek.SATURDAY), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)),
                // Sunday 25 October 2026 at 03:00 Paris time the clocks go back one hour.
                List.of(new BookingSlot("salle-reunion", Instant.parse("2026-10-25T00:30:00Z"),
                        Instant.parse("2026-10-25T02:15:00.5Z"))),
                Optional.of(new PackDays(7, Optional.of(LocalDate.of(2026, 10, 24)))));
        BadgeGrant pack = new BadgeGrant(hash(2), "m-0043", BadgeClass.MEMBER, Optional.empty(), Optional.empty(),
                true, Set.of("porte-rue"), List.of(), List.of(), Optional.of(new PackDays(0, Optional.empty())));
        BadgeGrant staff = new BadgeGrant(hash(3), "s-1", BadgeClass.STAFF, Optional.empty(), Optional.empty(), false,
                Set.of(), List.of(), List.of(), Optional.empty());
        BadgeGrant maintenance = new BadgeGrant(hash(4), "x-9", BadgeClass.MAINTENANCE,
                Optional.of(LocalDate.of(2026, 3, 29)), Optional.empty(), false, Set.of("porte-rue"), List.of(),
                List.of(), Optional.empty());
        return new AccessList(SITE, 12, Optional.empty(), Instant.parse("2026-10-24T22:00:00.123Z"), PARIS,
                List.of(member, pack, staff, maintenance), Set.of(hash(9), hash(8)));
    }

    static AccessList snapshot(long version) {
        return snapshot(SITE, version);
    }

    static AccessList snapshot(String site, long version) {
        return new AccessList(site, version, Optional.empty(), Instant.parse("2026-11-28T09:30:00Z"), PARIS,
                List.of(staff(1)), Set.of());
    }

    static AccessList delta(long base, long version) {
        return new AccessList(SITE, version, Optional.of(base), Instant.parse("2026-11-28T09:31:00Z"), PARIS,
                List.of(staff(5)), Set.of(hash(1)));
    }

    static BadgeGrant staff(int n) {
        return new BadgeGrant(hash(n), "s-" + n, BadgeClass.STAFF, Optional.empty(), Optional.empty(), false,
                Set.of("porte-rue"), List.of(), List.of(), Optional.empty());
    }
}
