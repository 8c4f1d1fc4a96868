package fr.relais.agent.access;

import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.AccessWindow;
import fr.relais.protocol.access.BadgeGrant;
import fr.relais.protocol.access.BadgeGrant.BadgeClass;
import fr.relais.protocol.access.BadgeGrant.PackDays;
import fr.relais.protocol.access.BookingSlot;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Grants and lists for the door tests, built from a readable default: a member on door-a, weekdays 08-20. */
final class AccessFixtures {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String DOOR = "door-a";
    static final String OTHER_DOOR = "door-b";
    static final String ROOM = "meeting-room";

    private AccessFixtures() {
    }

    static String hash(int n) {
        return String.format("%064x", n);
    }

    static AccessWindow window(String from, String until, DayOfWeek... days) {
        Set<DayOfWeek> set = days.length == 0 ? EnumSet.allOf(DayOfWeek.class) : EnumSet.of(days[0], days);
        return new AccessWindow(set, LocalTime.parse(from), LocalTime.parse(until));
    }

    static AccessWindow weekdays(String from, String until) {
        return window(from, until, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY);
    }

    static Grant member(int n) {
        return new Grant(n);
    }

    static AccessList list(ZoneId zone, List<BadgeGrant> grants, Set<String> revoked) {
        return new AccessList("rozoy", 7, Optional.empty(), Instant.parse("2026-01-01T00:00:00Z"), zone, grants,
                revoked);
    }

    static AccessList list(BadgeGrant... grants) {
        return list(PARIS, List.of(grants), Set.of());
    }

    /** A mutable builder for one grant; tests change only what they are about. */
    static final class Grant {
        final int n;
        String member;
        BadgeClass badgeClass = BadgeClass.MEMBER;
        Optional<LocalDate> validFrom = Optional.empty();
        Optional<LocalDate> validUntil = Optional.empty();
        boolean suspended;
        Set<String> doors = Set.of(DOOR);
        List<AccessWindow> windows = new ArrayList<>(List.of(weekdays("08:00", "20:00")));
        List<BookingSlot> bookings = new ArrayList<>();
        Optional<PackDays> packDays = Optional.empty();

        Grant(int n) {
            this.n = n;
            this.member = "m" + n;
        }

        Grant badgeClass(BadgeClass value) {
            badgeClass = value;
            return this;
        }

        Grant validFrom(String day) {
            validFrom = Optional.of(LocalDate.parse(day));
            return this;
        }

        Grant validUntil(String day) {
            validUntil = Optional.of(LocalDate.parse(day));
            return this;
        }

        Grant suspended() {
            suspended = true;
            return this;
        }

        Grant doors(String... values) {
            doors = Set.of(values);
            return this;
        }

        Grant windows(AccessWindow... values) {
            windows = new ArrayList<>(List.of(values));
            return this;
        }

        Grant booking(String door, String from, String until) {
            bookings.add(new BookingSlot(door, Instant.parse(from), Instant.parse(until)));
            return this;
        }

        Grant pack(int left, String countedDay) {
            packDays = Optional.of(new PackDays(left, Optional.ofNullable(countedDay).map(LocalDate::parse)));
            return this;
        }

        Grant member(String value) {
            member = value;
            return this;
        }

        BadgeGrant build() {
            return new BadgeGrant(hash(n), member, badgeClass, validFrom, validUntil, suspended, doors, windows,
                    bookings, packDays);
        }
    }
}
