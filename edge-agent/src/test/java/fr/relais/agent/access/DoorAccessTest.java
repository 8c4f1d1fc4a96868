package fr.relais.agent.access;

import static fr.relais.agent.access.AccessFixtures.DOOR;
import static fr.relais.agent.access.AccessFixtures.OTHER_DOOR;
import static fr.relais.agent.access.AccessFixtures.PARIS;
import static fr.relais.agent.access.AccessFixtures.hash;
import static fr.relais.agent.access.AccessFixtures.member;
import static fr.relais.agent.access.AccessFixtures.weekdays;
import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.config.AccessSettings;
import fr.relais.agent.config.Direction;
import fr.relais.agent.config.DoorLink;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceReports;
import fr.relais.agent.device.Reading;
import fr.relais.agent.device.badge.BadgeEvents;
import fr.relais.agent.device.gpio.SignalPattern;
import fr.relais.agent.store.AgentDatabase;
import fr.relais.protocol.access.AccessKeys;
import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.AccessListCodec;
import fr.relais.protocol.access.AccessListSigner;
import fr.relais.protocol.access.BadgeGrant;
import fr.relais.protocol.access.BadgeGrant.BadgeClass;
import fr.relais.protocol.access.SignedAccessListCodec;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The door controller with a real holder on a real SQLite file and lists signed as the hub signs
 * them: every reason, what the door and the reader were asked to do, and what was logged. No
 * broker anywhere: the log is what the outbox would store.
 */
class DoorAccessTest {
    static final String SITE = "rozoy-cowork";
    /** A Tuesday, 10:00 in Paris. */
    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    static final DoorLink ENTRY = new DoorLink(RecordingDevices.READER, DOOR, Direction.ENTRY);

    @TempDir
    Path dir;
    final KeyPair hub = AccessKeys.generate();
    final List<AutoCloseable> opened = new ArrayList<>();
    AccessListSigner signer;
    AgentDatabase database;
    RecordingDevices devices = new RecordingDevices();

    @BeforeEach
    void setUp() throws Exception {
        signer = new AccessListSigner(hub.getPrivate(), new AccessListCodec());
        database = AgentDatabase.open(dir.resolve("agent.db"));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable resource : opened) {
            resource.close();
        }
    }

    AccessListHolder holder() {
        AccessListStore store = new AccessListStore(database);
        opened.add(store);
        return AccessListHolder.open(new AccessSettings(hub.getPublic(), Duration.ofDays(7)), SITE, store);
    }

    DoorAccess doors(AccessListHolder holder) {
        PackDayStore ledger = new PackDayStore(database);
        opened.add(ledger);
        return new DoorAccess(List.of(ENTRY), devices::find, holder::current,
                NodeAccess.policy(new AccessSettings(hub.getPublic(), Duration.ofDays(7))), ledger.load(),
                ledger::save, devices.log, Clock.fixed(T0, ZoneOffset.UTC));
    }

    byte[] wire(AccessList list) {
        return new SignedAccessListCodec().encode(signer.sign(list));
    }

    static AccessList snapshot(long version, List<BadgeGrant> grants, Set<String> revoked) {
        return new AccessList(SITE, version, Optional.empty(), T0.minus(Duration.ofHours(1)), PARIS, grants, revoked);
    }

    static AccessList everyReason() {
        return snapshot(3, List.of(
                member(1).build(),
                member(2).badgeClass(BadgeClass.STAFF).build(),
                member(3).badgeClass(BadgeClass.MAINTENANCE).build(),
                member(4).doors().booking(DOOR, "2026-12-01T08:00:00Z", "2026-12-01T10:00:00Z").build(),
                member(5).pack(3, null).build(),
                member(6).suspended().build(),
                member(7).validFrom("2026-12-02").build(),
                member(8).validUntil("2026-11-30").build(),
                member(9).doors(OTHER_DOOR).build(),
                member(10).windows(weekdays("18:00", "20:00")).build(),
                member(11).doors().build(),
                member(12).pack(0, null).build()), Set.of(hash(98)));
    }

    @ParameterizedTest(name = "badge {0}: {1}")
    @CsvSource({
            "1, hours, true", "2, staff, true", "3, maintenance, true", "4, booking, true", "5, pack-day, true",
            "99, unknown, false", "98, revoked, false", "6, suspended, false", "7, not-yet-valid, false",
            "8, expired, false", "9, wrong-door, false", "10, outside-hours, false", "11, no-booking, false",
            "12, no-days-left, false"})
    void eachReasonOpensOrNotAndIsLogged(int badge, String reason, boolean granted) {
        AccessListHolder holder = holder();
        holder.offer(wire(everyReason()), T0);
        DoorAccess doors = doors(holder);

        DoorDecision decision = doors.read(ENTRY, hash(badge), T0);

        assertThat(decision.reason().wire()).isEqualTo(reason);
        assertThat(devices.door.grants.get()).as("strike released").isEqualTo(granted ? 1 : 0);
        assertThat(devices.door.signals).containsExactly(granted ? SignalPattern.GRANTED : SignalPattern.DENIED);
        assertThat(devices.reader.signals).containsExactly(granted ? SignalPattern.GRANTED : SignalPattern.DENIED);
        DeviceEvent logged = devices.log.last();
        assertThat(devices.log.entries.get(0).device()).contains(DOOR);
        assertThat(logged.type()).isEqualTo(granted ? AccessEvents.GRANTED : AccessEvents.DENIED);
        assertThat(logged.data()).containsEntry("badgeHash", hash(badge)).containsEntry("door", DOOR)
                .containsEntry("reader", RecordingDevices.READER).containsEntry("direction", "entry")
                .containsEntry("reason", reason).containsEntry("listVersion", 3L);
        if (badge < 90) {
            assertThat(logged.data()).containsEntry("member", "m" + badge).containsKey("badgeClass");
        } else {
            assertThat(logged.data()).doesNotContainKeys("member", "badgeClass");
        }
        if (reason.equals("pack-day")) {
            assertThat(logged.data()).containsEntry("packDay", "2026-12-01");
        } else {
            assertThat(logged.data()).doesNotContainKey("packDay");
        }
    }

    @Test
    void withoutAListEveryoneIsRefusedAndTheLogSaysListVersionZero() {
        DoorAccess doors = doors(holder());

        assertThat(doors.read(ENTRY, hash(1), T0).reason().wire()).isEqualTo("no-list");
        assertThat(devices.door.grants.get()).isZero();
        assertThat(devices.log.last().data()).containsEntry("reason", "no-list").containsEntry("listVersion", 0L);
    }

    @Test
    void aListNotHeardOfForLongerThanTheLimitRefusesMembersButNotStaff() {
        AccessListHolder holder = holder();
        holder.offer(wire(everyReason()), T0);
        DoorAccess doors = doors(holder);
        Instant eightDaysLater = T0.plus(Duration.ofDays(8));

        assertThat(doors.read(ENTRY, hash(1), eightDaysLater).reason().wire()).isEqualTo("list-too-old");
        assertThat(doors.read(ENTRY, hash(2), eightDaysLater).reason().wire()).isEqualTo("staff");
    }

    @Test
    void aRevocationInADeltaIsHonouredAtTheNextRead() {
        AccessListHolder holder = holder();
        holder.offer(wire(everyReason()), T0);
        DoorAccess doors = doors(holder);
        assertThat(doors.read(ENTRY, hash(1), T0).granted()).isTrue();

        AccessList revoke = new AccessList(SITE, 4, Optional.of(3L), T0, PARIS, List.of(), Set.of(hash(1)));
        assertThat(holder.offer(wire(revoke), T0.plusSeconds(60)).outcome())
                .isEqualTo(AccessListOffer.Outcome.DELTA_MERGED);

        DoorDecision after = doors.read(ENTRY, hash(1), T0.plusSeconds(61));
        assertThat(after.reason().wire()).isEqualTo("revoked");
        assertThat(devices.door.grants.get()).as("opened once, before the revocation").isEqualTo(1);
        assertThat(devices.log.last().data()).containsEntry("listVersion", 4L);
    }

    @Test
    void theListAndThePackDaysCountedHereSurviveARestart() {
        AccessListHolder holder = holder();
        holder.offer(wire(snapshot(3, List.of(member(5).pack(1, null).build()), Set.of())), T0);
        assertThat(doors(holder).read(ENTRY, hash(5), T0).packDayToCount()).isPresent();
        database = AgentDatabase.open(dir.resolve("agent.db"));

        DoorAccess restarted = doors(holder());
        assertThat(restarted.read(ENTRY, hash(5), T0.plusSeconds(3_600)).reason().wire())
                .as("the same day again: free, and not counted twice").isEqualTo("pack-day");
        assertThat(devices.log.last().data()).doesNotContainKey("packDay");
        assertThat(restarted.read(ENTRY, hash(5), T0.plus(Duration.ofDays(1))).reason().wire())
                .as("the next day: the only day left was counted here, before the restart").isEqualTo("no-days-left");
    }

    @Test
    void readsOnSeveralThreadsAtOnceCountAPackDayOnce() throws Exception {
        AccessListHolder holder = holder();
        holder.offer(wire(snapshot(3, List.of(member(5).pack(4, null).build()), Set.of())), T0);
        DoorAccess doors = doors(holder);
        int threads = 8;
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<DoorDecision>> decisions = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            decisions.add(readers.submit(() -> {
                go.await();
                return doors.read(ENTRY, hash(5), T0);
            }));
        }
        go.countDown();
        for (java.util.concurrent.Future<DoorDecision> decision : decisions) {
            assertThat(decision.get().reason().wire()).isEqualTo("pack-day");
        }
        readers.shutdown();

        assertThat(devices.door.grants.get()).isEqualTo(threads);
        assertThat(devices.log.ofType(AccessEvents.GRANTED)).hasSize(threads)
                .filteredOn(event -> event.data().containsKey("packDay")).hasSize(1);
        assertThat(doors.ledger().state()).containsEntry("m5", List.of(java.time.LocalDate.parse("2026-12-01")));
    }

    @Test
    void anExitReadIsDecidedTheSameWayAndLoggedAsAnExit() {
        AccessListHolder holder = holder();
        holder.offer(wire(everyReason()), T0);
        DoorAccess doors = doors(holder);

        doors.read(new DoorLink(RecordingDevices.READER, DOOR, Direction.EXIT), hash(1), T0);

        assertThat(devices.door.grants.get()).isEqualTo(1);
        assertThat(devices.log.last().data()).containsEntry("direction", "exit").containsEntry("reason", "hours");
    }

    @Test
    void aGrantWhoseStrikeIsNotHeldIsStillLoggedAndCounted() {
        AccessListHolder holder = holder();
        holder.offer(wire(everyReason()), T0);
        DoorAccess doors = doors(holder);
        devices.door.open = false;

        assertThat(doors.read(ENTRY, hash(1), T0).granted()).isTrue();

        assertThat(devices.log.last().type()).isEqualTo(AccessEvents.GRANTED);
        assertThat(doors.metrics()).containsEntry("accessGranted", 1L).containsEntry("accessStrikeFailures", 1L);
    }

    @Test
    void aLinkedReadersBadgeBecomesADecisionAndOtherReportsPassThrough() {
        AccessListHolder holder = holder();
        holder.offer(wire(everyReason()), T0);
        List<String> passed = new ArrayList<>();
        DeviceReports routed = doors(holder).routing(new DeviceReports() {
            @Override
            public void reading(String deviceId, Reading reading) {
                passed.add("reading " + deviceId);
            }

            @Override
            public void event(String deviceId, DeviceEvent event) {
                passed.add(event.type() + " " + deviceId);
            }
        });

        routed.event(RecordingDevices.READER, BadgeEvents.read(hash(1), "wiegand-26"));
        routed.event("reader-unlinked", BadgeEvents.read(hash(1), "keyboard"));
        routed.event(RecordingDevices.READER, BadgeEvents.rejected("parité", "wiegand-26"));
        routed.reading(RecordingDevices.READER, Reading.of(fr.relais.protocol.Health.OK, Map.of()));

        assertThat(devices.door.grants.get()).isEqualTo(1);
        assertThat(devices.log.ofType(AccessEvents.GRANTED)).hasSize(1);
        assertThat(passed).containsExactly("badge reader-unlinked", "badge-frame-rejected " + RecordingDevices.READER,
                "reading " + RecordingDevices.READER);
    }

    @Test
    void aRemoteOpeningIsLoggedWithItsRequestId() {
        AccessListHolder holder = holder();
        holder.offer(wire(everyReason()), T0);
        UUID request = UUID.randomUUID();

        doors(holder).openedRemotely(DOOR, request);

        assertThat(devices.log.last().type()).isEqualTo(AccessEvents.GRANTED);
        assertThat(devices.log.last().data()).containsEntry("reason", "remote")
                .containsEntry("requestId", request.toString()).containsEntry("door", DOOR)
                .containsEntry("listVersion", 3L).doesNotContainKey("badgeHash");
    }
}
