package fr.relais.bench.access;

import fr.relais.agent.access.DoorRig;
import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.AccessReason;
import fr.relais.protocol.access.AccessWindow;
import fr.relais.protocol.access.BadgeGrant.BadgeClass;
import fr.relais.protocol.access.BadgeGrant.PackDays;
import fr.relais.protocol.access.BadgeGrant;
import fr.relais.protocol.access.BookingSlot;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The benchmark's coworking place: badges of every kind, each built so that what the door must
 * answer is known from how it was made (the oracle is the construction, not the engine). The
 * windows, dates and slots are placed days or hours away from the run, so a run of a few minutes
 * (or one across midnight) never crosses a boundary.
 */
final class BenchBadges {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String OTHER_DOOR = "salle-reunion";

    /** What a badge was made to be; the expected answer at a door with a fresh list. */
    enum Kind {
        STAFF(AccessReason.STAFF), MAINTENANCE(AccessReason.MAINTENANCE), HOURS(AccessReason.HOURS),
        BOOKING(AccessReason.BOOKING), PACK_DAY(AccessReason.PACK_DAY), EXPIRED(AccessReason.EXPIRED),
        NOT_YET_VALID(AccessReason.NOT_YET_VALID), SUSPENDED(AccessReason.SUSPENDED),
        WRONG_DOOR(AccessReason.WRONG_DOOR), OUTSIDE_HOURS(AccessReason.OUTSIDE_HOURS),
        NO_BOOKING(AccessReason.NO_BOOKING), NO_DAYS_LEFT(AccessReason.NO_DAYS_LEFT),
        REVOKED(AccessReason.REVOKED), UNKNOWN(AccessReason.UNKNOWN);

        final AccessReason fresh;

        Kind(AccessReason fresh) {
            this.fresh = fresh;
        }
    }

    /** One card: its Wiegand 26 numbers and what it was made to be. */
    record Card(long facility, long card, Kind kind) {
        String number() {
            return DoorRig.cardNumber(facility, card);
        }
    }

    private final List<Card> cards = new ArrayList<>();
    private final AccessList fresh;
    private final AccessList aged;

    BenchBadges(int badges, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, PARIS);
        DayOfWeek away = today.getDayOfWeek().plus(3);
        List<BadgeGrant> grants = new ArrayList<>();
        Set<String> revoked = new HashSet<>();
        Kind[] kinds = Kind.values();
        for (int i = 0; i < badges; i++) {
            Kind kind = kinds[i % kinds.length];
            Card card = new Card(1 + i / 60_000, i % 60_000 + 1, kind);
            cards.add(card);
            String hash = DoorRig.badgeHash(card.number());
            String member = "m-" + i;
            switch (kind) {
                case REVOKED -> revoked.add(hash);
                case UNKNOWN -> { }
                default -> grants.add(grant(kind, hash, member, now, today, away));
            }
        }
        fresh = new AccessList(DoorRig.SITE, 2, Optional.empty(), now, PARIS, grants, revoked);
        aged = new AccessList(DoorRig.SITE, 1, Optional.empty(), now.minus(Duration.ofDays(8)), PARIS, grants, revoked);
    }

    private static BadgeGrant grant(Kind kind, String hash, String member, Instant now, LocalDate today,
                                    DayOfWeek away) {
        Set<String> door = Set.of(DoorRig.DOOR);
        List<AccessWindow> allWeek = List.of(new AccessWindow(EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT,
                LocalTime.MIDNIGHT));
        Optional<LocalDate> none = Optional.empty();
        return switch (kind) {
            case STAFF -> new BadgeGrant(hash, member, BadgeClass.STAFF, none, none, false, door, List.of(), List.of(),
                    Optional.empty());
            case MAINTENANCE -> new BadgeGrant(hash, member, BadgeClass.MAINTENANCE, none, none, false, door, List.of(),
                    List.of(), Optional.empty());
            case HOURS -> member(hash, member, none, none, false, door, allWeek, List.of(), Optional.empty());
            case BOOKING -> member(hash, member, none, none, false, Set.of(), List.of(),
                    List.of(new BookingSlot(DoorRig.DOOR, now.minus(Duration.ofHours(2)), now.plus(Duration.ofHours(12)))),
                    Optional.empty());
            case PACK_DAY -> member(hash, member, none, none, false, door, allWeek, List.of(),
                    Optional.of(new PackDays(4, Optional.of(today))));
            case EXPIRED -> member(hash, member, none, Optional.of(today.minusDays(10)), false, door, allWeek, List.of(),
                    Optional.empty());
            case NOT_YET_VALID -> member(hash, member, Optional.of(today.plusDays(10)), none, false, door, allWeek,
                    List.of(), Optional.empty());
            case SUSPENDED -> member(hash, member, none, none, true, door, allWeek, List.of(), Optional.empty());
            case WRONG_DOOR -> member(hash, member, none, none, false, Set.of(OTHER_DOOR), allWeek, List.of(),
                    Optional.empty());
            case OUTSIDE_HOURS -> member(hash, member, none, none, false, door,
                    List.of(new AccessWindow(EnumSet.of(away), LocalTime.of(8, 0), LocalTime.of(18, 0))), List.of(),
                    Optional.empty());
            case NO_BOOKING -> member(hash, member, none, none, false, Set.of(), List.of(),
                    List.of(new BookingSlot(DoorRig.DOOR, now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(2).plusHours(2)))),
                    Optional.empty());
            case NO_DAYS_LEFT -> member(hash, member, none, none, false, door, allWeek, List.of(),
                    Optional.of(new PackDays(0, Optional.of(today.minusDays(1)))));
            case REVOKED, UNKNOWN -> throw new IllegalArgumentException(kind + " has no grant");
        };
    }

    private static BadgeGrant member(String hash, String member, Optional<LocalDate> from, Optional<LocalDate> until,
                                     boolean suspended, Set<String> doors, List<AccessWindow> windows,
                                     List<BookingSlot> bookings, Optional<PackDays> pack) {
        return new BadgeGrant(hash, member, BadgeClass.MEMBER, from, until, suspended, doors, windows, bookings, pack);
    }

    List<Card> cards() {
        return cards;
    }

    AccessList fresh() {
        return fresh;
    }

    /** The same grants, issued eight days ago: members' lists are too old after seven. */
    AccessList aged() {
        return aged;
    }

    /**
     * The answer the door owes, by construction. With the aged list, a member badge that is
     * otherwise valid today is refused as list-too-old (dates and suspension are checked first:
     * those refusals need no fresh list); staff and maintenance keep their thirty days.
     */
    static AccessReason expected(Kind kind, ListState state) {
        return switch (state) {
            case NONE -> AccessReason.NO_LIST;
            case FRESH -> kind.fresh;
            case AGED -> switch (kind) {
                case STAFF, MAINTENANCE, EXPIRED, NOT_YET_VALID, SUSPENDED, REVOKED, UNKNOWN -> kind.fresh;
                default -> AccessReason.LIST_TOO_OLD;
            };
        };
    }

    /** What a door holds. */
    enum ListState { FRESH, AGED, NONE }
}
