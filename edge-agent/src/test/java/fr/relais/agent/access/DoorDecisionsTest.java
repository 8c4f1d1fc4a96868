package fr.relais.agent.access;

import static fr.relais.agent.access.AccessFixtures.DOOR;
import static fr.relais.agent.access.AccessFixtures.OTHER_DOOR;
import static fr.relais.agent.access.AccessFixtures.PARIS;
import static fr.relais.agent.access.AccessFixtures.ROOM;
import static fr.relais.agent.access.AccessFixtures.hash;
import static fr.relais.agent.access.AccessFixtures.member;
import static fr.relais.agent.access.AccessFixtures.window;
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
import static fr.relais.protocol.access.AccessReason.PACK_DAY;
import static fr.relais.protocol.access.AccessReason.REVOKED;
import static fr.relais.protocol.access.AccessReason.STAFF;
import static fr.relais.protocol.access.AccessReason.SUSPENDED;
import static fr.relais.protocol.access.AccessReason.UNKNOWN;
import static fr.relais.protocol.access.AccessReason.WRONG_DOOR;
import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.access.AccessFixtures.Grant;
import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.AccessReason;
import fr.relais.protocol.access.BadgeGrant.BadgeClass;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per rule and per precedence between rules. Wednesday 10 June 2026 in Paris (UTC+2) unless
 * a row says otherwise; badge 1 is the grant of the row, badge 2 is revoked, badge 3 is unknown.
 */
class DoorDecisionsTest {
    private static final AccessPolicy POLICY = AccessPolicy.defaults();
    private static final String WED_10H = "2026-06-10T10:00";

    record Row(String name, Grant grant, int badge, String door, String localNow, Duration listAge,
               AccessReason expected, Optional<LocalDate> packDay) {
        Row expectCount(String day) {
            return new Row(name, grant, badge, door, localNow, listAge, expected, Optional.of(LocalDate.parse(day)));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Row row(String name, Grant grant, String localNow, AccessReason expected) {
        return new Row(name, grant, 1, DOOR, localNow, Duration.ofMinutes(5), expected, Optional.empty());
    }

    static Row at(String name, Grant grant, String door, String localNow, AccessReason expected) {
        return new Row(name, grant, 1, door, localNow, Duration.ofMinutes(5), expected, Optional.empty());
    }

    static Row aged(String name, Grant grant, Duration age, AccessReason expected) {
        return new Row(name, grant, 1, DOOR, WED_10H, age, expected, Optional.empty());
    }

    static Row badge(String name, int badge, Duration age, AccessReason expected) {
        return new Row(name, member(1).badgeClass(BadgeClass.STAFF), badge, DOOR, WED_10H, age, expected,
                Optional.empty());
    }

    static Stream<Row> rows() {
        Duration week = Duration.ofDays(7);
        Duration month = Duration.ofDays(30);
        return Stream.of(
                // each reason, plainly
                row("member within hours", member(1), WED_10H, HOURS),
                row("member before hours", member(1), "2026-06-10T07:59:59", OUTSIDE_HOURS),
                row("window start inclusive", member(1), "2026-06-10T08:00", HOURS),
                row("window end exclusive", member(1), "2026-06-10T20:00", OUTSIDE_HOURS),
                row("last second of window", member(1), "2026-06-10T19:59:59.999", HOURS),
                row("weekend outside weekday windows", member(1), "2026-06-13T10:00", OUTSIDE_HOURS),
                row("window until midnight covers 23:59:59",
                        member(1).windows(window("18:00", "00:00", DayOfWeek.WEDNESDAY)), "2026-06-10T23:59:59",
                        HOURS),
                row("window until midnight stops at 00:00 next day",
                        member(1).windows(window("18:00", "00:00", DayOfWeek.WEDNESDAY)), "2026-06-11T00:00", OUTSIDE_HOURS),
                row("no window at all", member(1).windows(), WED_10H, OUTSIDE_HOURS),
                badge("revoked badge", 2, Duration.ZERO, REVOKED),
                badge("unknown badge with a 0 s old list", 3, Duration.ZERO, UNKNOWN),
                badge("unknown badge with a list older than every limit", 3, Duration.ofDays(400), UNKNOWN),
                badge("revoked beats a list too old", 2, Duration.ofDays(400), REVOKED),
                row("suspended", member(1).suspended(), WED_10H, SUSPENDED),
                row("not yet valid", member(1).validFrom("2026-06-11"), WED_10H, NOT_YET_VALID),
                row("expired", member(1).validUntil("2026-06-09"), WED_10H, EXPIRED),
                row("valid on its first day", member(1).validFrom("2026-06-10"), WED_10H, HOURS),
                row("valid on its last day", member(1).validUntil("2026-06-10"), WED_10H, HOURS),
                at("wrong door", member(1), OTHER_DOOR, WED_10H, WRONG_DOOR),
                row("staff at 3 a.m.", member(1).badgeClass(BadgeClass.STAFF).windows(), "2026-06-10T03:00", STAFF),
                row("maintenance on a Sunday night", member(1).badgeClass(BadgeClass.MAINTENANCE).windows(),
                        "2026-06-14T23:30", MAINTENANCE),
                at("staff on a door they do not have", member(1).badgeClass(BadgeClass.STAFF), OTHER_DOOR, WED_10H,
                        WRONG_DOOR),
                row("staff ignore a pack with no day left",
                        member(1).badgeClass(BadgeClass.STAFF).pack(0, null), WED_10H, STAFF),
                // precedence among denials
                row("suspended beats expired", member(1).suspended().validUntil("2026-01-01"), WED_10H, SUSPENDED),
                aged("suspended beats list too old", member(1).suspended(), Duration.ofDays(100), SUSPENDED),
                new Row("expired beats list too old", member(1).validUntil("2026-01-01"), 1, DOOR, WED_10H,
                        Duration.ofDays(100), EXPIRED, Optional.empty()),
                new Row("not yet valid beats list too old", member(1).validFrom("2027-01-01"), 1, DOOR, WED_10H,
                        Duration.ofDays(100), NOT_YET_VALID, Optional.empty()),
                row("suspended beats a booking now",
                        member(1).suspended().booking(DOOR, "2026-06-10T07:00:00Z", "2026-06-10T09:00:00Z"), WED_10H,
                        SUSPENDED),
                row("expired beats staff", member(1).badgeClass(BadgeClass.STAFF).validUntil("2026-06-09"), WED_10H,
                        EXPIRED),
                // list age: decisions go on past staleAfter; each class has its own hard limit
                aged("member list a day and a half old still decides", member(1), Duration.ofHours(36), HOURS),
                aged("member list exactly 7 days old", member(1), week, HOURS),
                aged("member list 7 days and 1 s old", member(1), week.plusSeconds(1), LIST_TOO_OLD),
                aged("staff with a 29-day-old list", member(1).badgeClass(BadgeClass.STAFF), Duration.ofDays(29), STAFF),
                aged("staff list 30 days and 1 s old", member(1).badgeClass(BadgeClass.STAFF), month.plusSeconds(1),
                        LIST_TOO_OLD),
                aged("maintenance list 30 days old", member(1).badgeClass(BadgeClass.MAINTENANCE), month, MAINTENANCE),
                aged("too old beats a booking", member(1).booking(DOOR, "2026-06-10T07:00:00Z", "2026-06-10T09:00:00Z"),
                        week.plusSeconds(1), LIST_TOO_OLD),
                aged("a clock set back makes the list fresh, not refused", member(1), Duration.ofHours(-5), HOURS),
                // bookings: from inclusive, until exclusive, margins already in the slot
                at("booking opens the room outside hours and doors",
                        member(1).booking(ROOM, "2026-06-10T18:30:00Z", "2026-06-10T21:00:00Z"), ROOM,
                        "2026-06-10T22:00", BOOKING),
                at("booking first instant", member(1).booking(ROOM, "2026-06-10T08:00:00Z", "2026-06-10T09:00:00Z"), ROOM,
                        "2026-06-10T10:00", BOOKING),
                at("just before booking", member(1).booking(ROOM, "2026-06-10T08:00:00Z", "2026-06-10T09:00:00Z"), ROOM,
                        "2026-06-10T09:59:59.999", NO_BOOKING),
                at("booking last millisecond", member(1).booking(ROOM, "2026-06-10T08:00:00Z", "2026-06-10T09:00:00Z"),
                        ROOM, "2026-06-10T10:59:59.999", BOOKING),
                at("booking end exclusive", member(1).booking(ROOM, "2026-06-10T08:00:00Z", "2026-06-10T09:00:00Z"), ROOM,
                        "2026-06-10T11:00", NO_BOOKING),
                at("booking of another door does not open this one",
                        member(1).booking(ROOM, "2026-06-10T08:00:00Z", "2026-06-10T09:00:00Z"), OTHER_DOOR, WED_10H,
                        WRONG_DOOR),
                at("meeting-room-only plan with no booking", member(1).doors().windows(), ROOM, WED_10H, NO_BOOKING),
                at("meeting-room-only plan at the front door", member(1).doors().windows(), DOOR, WED_10H, NO_BOOKING),
                row("booking on an own door outside hours", member(1).booking(DOOR, "2026-06-10T19:00:00Z",
                        "2026-06-10T20:00:00Z"), "2026-06-10T21:30", BOOKING),
                row("booking beats a pack with no day left",
                        member(1).pack(0, null).booking(DOOR, "2026-06-10T07:00:00Z", "2026-06-10T09:00:00Z"), WED_10H,
                        BOOKING),
                at("booking of the staff's other door", member(1).badgeClass(BadgeClass.STAFF)
                        .booking(ROOM, "2026-06-10T07:00:00Z", "2026-06-10T09:00:00Z"), ROOM, WED_10H, BOOKING),
                // pack days (the ledger's rows are in PackDayLedgerTest)
                row("pack first entry of the day counts it", member(1).pack(3, "2026-06-09"), WED_10H, PACK_DAY)
                        .expectCount("2026-06-10"),
                row("pack never used counts today", member(1).pack(1, null), WED_10H, PACK_DAY).expectCount("2026-06-10"),
                row("pack already counted today is free", member(1).pack(0, "2026-06-10"), WED_10H, PACK_DAY),
                row("pack with no day left", member(1).pack(0, "2026-06-09"), WED_10H, NO_DAYS_LEFT),
                row("pack outside hours stays outside hours", member(1).pack(0, "2026-06-09"), "2026-06-10T21:00",
                        OUTSIDE_HOURS),
                at("pack on a wrong door", member(1).pack(3, null), OTHER_DOOR, WED_10H, WRONG_DOOR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(Row row) {
        AccessList list = AccessFixtures.list(PARIS, List.of(row.grant().build()), Set.of(hash(2)));
        Instant now = LocalDateTime.parse(row.localNow()).atZone(PARIS).toInstant();
        DoorDecision decision = DoorDecisions.decide(Optional.of(list), now.minus(row.listAge()), hash(row.badge()),
                row.door(), now, POLICY);
        assertThat(decision.reason()).isEqualTo(row.expected());
        assertThat(decision.granted()).isEqualTo(row.expected().granted());
        assertThat(decision.packDayToCount()).isEqualTo(row.packDay());
        assertThat(decision.member()).isEqualTo(row.badge() == 1 ? Optional.of("m1") : Optional.empty());
    }

    @Test
    void withoutAListNothingOpensNotEvenStaff() {
        DoorDecision decision = DoorDecisions.decide(Optional.empty(), Instant.EPOCH, hash(1), DOOR,
                Instant.parse("2026-06-10T08:00:00Z"), POLICY);
        assertThat(decision).isEqualTo(new DoorDecision(false, NO_LIST, Optional.empty(), Optional.empty()));
    }

    @Test
    void everyReasonHasARow() {
        Set<AccessReason> covered = rows().map(Row::expected).collect(Collectors.toCollection(
                () -> EnumSet.noneOf(AccessReason.class)));
        covered.add(NO_LIST);
        // REMOTE is the hub's open-door command, never a badge decision.
        covered.add(AccessReason.REMOTE);
        assertThat(covered).containsExactlyInAnyOrder(AccessReason.values());
    }

    @Test
    void aDeltaIsNeverDecidedWith() {
        AccessList delta = new AccessList("rozoy", 8, Optional.of(7L), Instant.EPOCH, PARIS, List.of(), Set.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HeldList.of(delta, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snapshot");
    }
}
