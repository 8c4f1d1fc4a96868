package fr.relais.agent.access;

import static fr.relais.agent.access.AccessFixtures.DOOR;
import static fr.relais.agent.access.AccessFixtures.PARIS;
import static fr.relais.agent.access.AccessFixtures.hash;
import static fr.relais.agent.access.AccessFixtures.member;
import static fr.relais.protocol.access.AccessReason.NO_DAYS_LEFT;
import static fr.relais.protocol.access.AccessReason.PACK_DAY;
import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.access.AccessFixtures.Grant;
import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.AccessReason;
import fr.relais.protocol.access.BadgeGrant;
import fr.relais.protocol.access.BadgeGrant.PackDays;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A door offline for days with a 10-day pack: each local day is counted once, here, until the hub's list says so. */
class PackDayLedgerTest {
    private static final LocalDate MON = LocalDate.parse("2026-06-08");
    private static final LocalDate TUE = MON.plusDays(1);
    private static final LocalDate WED = MON.plusDays(2);
    private static final LocalDate THU = MON.plusDays(3);

    /** What the wiring will do: decide, and keep the ledger the counted day gives before opening. */
    private static final class Door {
        HeldList held;
        PackDayLedger ledger = PackDayLedger.empty();

        Door(AccessList list) {
            receive(list);
        }

        void receive(AccessList list) {
            held = HeldList.of(list, Instant.parse("2026-06-08T00:00:00Z"));
            ledger = ledger.reconciledWith(list);
        }

        DoorDecision badge(int badge, LocalDate day, String time) {
            Instant now = LocalDateTime.of(day, LocalTime.parse(time)).atZone(PARIS).toInstant();
            DoorDecision decision = DoorDecisions.decide(Optional.of(held), hash(badge), DOOR, now,
                    AccessPolicy.defaults(), ledger);
            decision.packDayToCount().ifPresent(counted -> ledger = ledger.counted(decision.member().orElseThrow(), counted));
            return decision;
        }
    }

    private static AccessList listOf(Grant... grants) {
        return AccessFixtures.list(Arrays.stream(grants).map(Grant::build).toArray(
                BadgeGrant[]::new));
    }

    @Test
    void firstEntryCountsSecondIsFreeNextDayCountsAgainThenNoneLeft() {
        Door door = new Door(listOf(member(1).pack(2, "2026-06-01")));

        assertThat(door.badge(1, MON, "09:00")).extracting(DoorDecision::reason, DoorDecision::packDayToCount)
                .containsExactly(PACK_DAY, Optional.of(MON));
        assertThat(door.badge(1, MON, "14:00")).extracting(DoorDecision::reason, DoorDecision::packDayToCount)
                .containsExactly(PACK_DAY, Optional.empty());
        assertThat(door.badge(1, TUE, "09:00")).extracting(DoorDecision::reason, DoorDecision::packDayToCount)
                .containsExactly(PACK_DAY, Optional.of(TUE));
        assertThat(door.badge(1, TUE, "18:00").packDayToCount()).isEmpty();
        // the list still says 2 left: the ledger knows both were used here
        assertThat(door.badge(1, WED, "09:00").reason()).isEqualTo(NO_DAYS_LEFT);
        assertThat(door.ledger.state()).isEqualTo(Map.of("m1", List.of(MON, TUE)));
    }

    @Test
    void theHubsNextListTakesOverAndARefillOpensAgain() {
        Door door = new Door(listOf(member(1).pack(2, null)));
        door.badge(1, MON, "09:00");
        door.badge(1, TUE, "09:00");

        door.receive(listOf(member(1).pack(1, "2026-06-08")));
        assertThat(door.ledger.state()).isEqualTo(Map.of("m1", List.of(TUE)));
        assertThat(door.badge(1, WED, "09:00").reason()).isEqualTo(NO_DAYS_LEFT);

        door.receive(listOf(member(1).pack(0, "2026-06-09")));
        assertThat(door.ledger.state()).isEmpty();
        assertThat(door.badge(1, WED, "09:00").reason()).isEqualTo(NO_DAYS_LEFT);

        door.receive(listOf(member(1).pack(10, "2026-06-09")));
        assertThat(door.badge(1, WED, "09:00").packDayToCount()).contains(WED);
        assertThat(door.badge(1, THU, "09:00").packDayToCount()).contains(THU);
    }

    @Test
    void aDayTheHubCountedElsewhereIsFreeEvenWithNoneLeft() {
        Door door = new Door(listOf(member(1).pack(0, "2026-06-08")));
        assertThat(door.badge(1, MON, "09:00")).extracting(DoorDecision::reason, DoorDecision::packDayToCount)
                .containsExactly(PACK_DAY, Optional.empty());
        assertThat(door.badge(1, TUE, "09:00").reason()).isEqualTo(NO_DAYS_LEFT);
    }

    @Test
    void aMembersTwoBadgesShareOnePack() {
        Door door = new Door(listOf(member(1).pack(1, null), member(2).member("m1").pack(1, null)));
        assertThat(door.badge(1, MON, "09:00").packDayToCount()).contains(MON);
        assertThat(door.badge(2, MON, "10:00")).extracting(DoorDecision::reason, DoorDecision::packDayToCount)
                .containsExactly(PACK_DAY, Optional.empty());
        assertThat(door.badge(2, TUE, "09:00").reason()).isEqualTo(NO_DAYS_LEFT);
    }

    @Test
    void anOlderListDoesNotEraseWhatTheHubHasNotSeen() {
        PackDayLedger ledger = PackDayLedger.empty().counted("m1", MON).counted("m1", TUE);
        AccessList stale = listOf(member(1).pack(5, "2026-06-08"));
        assertThat(ledger.reconciledWith(stale).state()).isEqualTo(Map.of("m1", List.of(TUE)));
        assertThat(ledger.effective("m1", new PackDays(5, Optional.of(MON))))
                .isEqualTo(new PackDays(4, Optional.of(TUE)));
    }

    @Test
    void membersWithoutAPackAnymoreAreForgotten() {
        PackDayLedger ledger = PackDayLedger.empty().counted("m1", MON).counted("m9", MON);
        AccessList list = AccessFixtures.list(PARIS, List.of(member(1).pack(3, null).build(), member(9).build()),
                Set.of());
        assertThat(ledger.reconciledWith(list).state()).isEqualTo(Map.of("m1", List.of(MON)));
    }

    @Test
    void stateRoundTripsAndCountingTwiceIsCountingOnce() {
        PackDayLedger ledger = PackDayLedger.empty().counted("m1", TUE).counted("m1", MON).counted("m1", TUE)
                .counted("m2", WED);
        PackDayLedger back = PackDayLedger.fromState(ledger.state());
        assertThat(back.state()).isEqualTo(Map.of("m1", List.of(MON, TUE), "m2", List.of(WED)));
        assertThat(back.effective("m1", new PackDays(3, Optional.empty()))).isEqualTo(new PackDays(1, Optional.of(TUE)));
        assertThat(PackDayLedger.fromState(Map.of("m3", List.of())).state()).isEmpty();
    }

    @Test
    void aClockSetBackADayStillKnowsTheDayWasCountedHere() {
        Door door = new Door(listOf(member(1).pack(5, null)));
        door.badge(1, TUE, "09:00");
        door.badge(1, WED, "09:00");
        assertThat(door.badge(1, TUE, "15:00")).extracting(DoorDecision::reason, DoorDecision::packDayToCount)
                .containsExactly(PACK_DAY, Optional.empty());
    }

    @Test
    void theLedgerNeverGoesBelowZero() {
        PackDayLedger ledger = PackDayLedger.empty().counted("m1", MON).counted("m1", TUE).counted("m1", WED);
        assertThat(ledger.effective("m1", new PackDays(1, Optional.empty())).left()).isZero();
        assertThat(AccessReason.NO_DAYS_LEFT.granted()).isFalse();
    }
}
