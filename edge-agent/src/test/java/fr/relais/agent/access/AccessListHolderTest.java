package fr.relais.agent.access;

import static fr.relais.agent.access.AccessFixtures.DOOR;
import static fr.relais.agent.access.AccessFixtures.OTHER_DOOR;
import static fr.relais.agent.access.AccessFixtures.PARIS;
import static fr.relais.agent.access.AccessFixtures.hash;
import static fr.relais.agent.access.AccessFixtures.member;
import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.config.AccessSettings;
import fr.relais.agent.store.AgentDatabase;
import fr.relais.protocol.access.AccessKeys;
import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.AccessListCodec;
import fr.relais.protocol.access.AccessListException.Reason;
import fr.relais.protocol.access.AccessListSigner;
import fr.relais.protocol.access.BadgeGrant;
import fr.relais.protocol.access.SignedAccessList;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The holder on a real SQLite file, with lists the test signs as the hub would. */
class AccessListHolderTest {
    static final String SITE = "laon-cowork";
    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    @TempDir
    Path dir;
    KeyPair hub = AccessKeys.generate();
    AccessListSigner signer;
    AgentDatabase database;

    @BeforeEach
    void setUp() throws Exception {
        signer = new AccessListSigner(hub.getPrivate(), new AccessListCodec());
        database = AgentDatabase.open(dir.resolve("agent.db"));
    }

    AccessListHolder holder(KeyPair key) {
        return AccessListHolder.open(new AccessSettings(key.getPublic(), Duration.ofDays(7)), SITE,
                new AccessListStore(database));
    }

    AccessListHolder holder() {
        return holder(hub);
    }

    static AccessList snapshot(long version, List<BadgeGrant> grants, Set<String> revoked) {
        return new AccessList(SITE, version, Optional.empty(), T0, PARIS, grants, revoked);
    }

    static AccessList delta(long base, long version, List<BadgeGrant> grants, Set<String> revoked) {
        return new AccessList(SITE, version, Optional.of(base), T0, PARIS, grants, revoked);
    }

    SignedAccessList signed(AccessList list) {
        return signer.sign(list);
    }

    @Test
    void aSnapshotIsHeldAndSurvivesARestart() {
        AccessList list = snapshot(3, List.of(member(1).build(), member(2).build()), Set.of(hash(9)));
        AccessListOffer offer = holder().offer(signed(list), T0);
        assertThat(offer.outcome()).isEqualTo(AccessListOffer.Outcome.SNAPSHOT_HELD);

        AccessListHolder restarted = holder();
        assertThat(restarted.current()).hasValueSatisfying(held -> {
            assertThat(held.list()).isEqualTo(list);
            assertThat(held.receivedAt()).isEqualTo(T0);
        });
        assertThat(restarted.metrics(T0.plusSeconds(60))).containsEntry("accessListVersion", 3L)
                .containsEntry("accessListAgeSeconds", 60L).containsEntry("accessListDeltas", 0)
                .containsEntry("accessListRefused", 0L).containsEntry("accessListLastRefusal", "");
    }

    @Test
    void aDeltaIsMergedAndTheMergeSurvivesARestart() {
        AccessListHolder holder = holder();
        holder.offer(signed(snapshot(3, List.of(member(1).build(), member(2).build()), Set.of())), T0);
        BadgeGrant changed = member(2).doors(DOOR, OTHER_DOOR).build();
        AccessListOffer offer = holder.offer(signed(delta(3, 4, List.of(changed, member(3).build()),
                Set.of(hash(1)))), T0.plusSeconds(10));

        assertThat(offer.outcome()).isEqualTo(AccessListOffer.Outcome.DELTA_MERGED);
        AccessList expected = snapshot(4, List.of(changed, member(3).build()), Set.of(hash(1)));
        assertThat(holder.current().orElseThrow().list()).isEqualTo(expected);
        assertThat(holder().current().orElseThrow().list()).isEqualTo(expected);
        assertThat(holder().metrics(T0.plusSeconds(10))).containsEntry("accessListDeltas", 1)
                .containsEntry("accessListVersion", 4L).containsEntry("accessListAgeSeconds", 0L);
    }

    @Test
    void aRegrantedBadgeLeavesTheRevoked() {
        AccessListHolder holder = holder();
        holder.offer(signed(snapshot(1, List.of(), Set.of(hash(1)))), T0);
        holder.offer(signed(delta(1, 2, List.of(member(1).build()), Set.of())), T0);
        assertThat(holder.current().orElseThrow().list()).isEqualTo(snapshot(2, List.of(member(1).build()), Set.of()));
    }

    @Test
    void refusalsAreCountedPerReasonAndTheListIsKept() throws Exception {
        AccessListHolder holder = holder();
        AccessList held = snapshot(5, List.of(member(1).build()), Set.of());
        holder.offer(signed(held), T0);

        assertRefused(holder, signed(snapshot(4, List.of(member(2).build()), Set.of())), Reason.OLD_VERSION);
        assertRefused(holder, signed(new AccessList("other-site", 6, Optional.empty(), T0, PARIS, List.of(),
                Set.of())), Reason.OTHER_SITE);
        SignedAccessList genuine = signed(snapshot(6, List.of(member(2).build()), Set.of()));
        byte[] tampered = genuine.payload();
        tampered[tampered.length / 2] ^= 1;
        assertRefused(holder, new SignedAccessList(tampered, genuine.signature()), Reason.BAD_SIGNATURE);
        AccessListSigner otherKey = new AccessListSigner(AccessKeys.generate().getPrivate(), new AccessListCodec());
        assertRefused(holder, otherKey.sign(snapshot(6, List.of(), Set.of())), Reason.BAD_SIGNATURE);
        AccessListOffer wrongBase = holder.offer(signed(delta(4, 6, List.of(), Set.of(hash(1)))), T0);
        assertThat(wrongBase.snapshotNeeded()).isTrue();

        assertThat(holder.current().orElseThrow().list()).isEqualTo(held);
        assertThat(holder.refused(Reason.BAD_SIGNATURE)).isEqualTo(2);
        assertThat(holder.refused(Reason.WRONG_BASE)).isEqualTo(1);
        assertThat(holder.metrics(T0)).containsEntry("accessListRefused", 5L)
                .containsEntry("accessListLastRefusal", "wrong-base");
        assertThat(holder().current().orElseThrow().list()).isEqualTo(held);
    }

    @Test
    void wireBytesAreDecodedAndABrokenEnvelopeIsCountedAsMalformed() {
        AccessListHolder holder = holder();
        AccessList list = snapshot(1, List.of(member(1).build()), Set.of());
        byte[] wire = new fr.relais.protocol.access.SignedAccessListCodec().encode(signed(list));
        assertThat(holder.offer(wire, T0).outcome()).isEqualTo(AccessListOffer.Outcome.SNAPSHOT_HELD);

        AccessListOffer broken = holder.offer("{\"v\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8), T0);

        assertThat(broken.refusal().orElseThrow().reason()).isEqualTo(Reason.MALFORMED);
        assertThat(holder.metrics(T0)).containsEntry("accessListLastRefusal", "malformed")
                .containsEntry("accessListVersion", 1L);
    }

    @Test
    void aDeltaWithoutAHeldListNeedsASnapshot() {
        AccessListOffer offer = holder().offer(signed(delta(1, 2, List.of(member(1).build()), Set.of())), T0);
        assertThat(offer.refusal().orElseThrow().reason()).isEqualTo(Reason.WRONG_BASE);
        assertThat(offer.snapshotNeeded()).isTrue();
    }

    @Test
    void theSameVersionAgainIsNoRefusalAndRefreshesTheList() {
        AccessListHolder holder = holder();
        AccessList list = snapshot(2, List.of(member(1).build()), Set.of());
        holder.offer(signed(list), T0);
        Instant nextDay = T0.plus(Duration.ofDays(1));

        AccessListOffer offer = holder.offer(signed(list), nextDay);

        assertThat(offer.outcome()).isEqualTo(AccessListOffer.Outcome.CONFIRMED);
        assertThat(holder.current().orElseThrow().receivedAt()).isEqualTo(nextDay);
        assertThat(holder.metrics(nextDay)).containsEntry("accessListRefused", 0L)
                .containsEntry("accessListAgeSeconds", 0L);
        assertThat(holder().current().orElseThrow().receivedAt()).isEqualTo(nextDay);
    }

    @Test
    void aRowTamperedOnDiskIsDroppedAtStartAndCounted() throws Exception {
        holder().offer(signed(snapshot(2, List.of(member(1).build()), Set.of())), T0);
        try (Connection connection = database.connect()) {
            byte[] payload;
            try (Statement select = connection.createStatement();
                 ResultSet row = select.executeQuery("SELECT payload FROM access_list_chain WHERE position = 0")) {
                row.next();
                payload = row.getBytes(1);
            }
            // A badge's door changed by hand: still valid JSON, no longer what the hub signed.
            String text = new String(payload, java.nio.charset.StandardCharsets.UTF_8).replace("door-a", "door-b");
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE access_list_chain SET payload = ? WHERE position = 0")) {
                update.setBytes(1, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                update.executeUpdate();
            }
        }

        AccessListHolder restarted = holder();

        assertThat(restarted.current()).isEmpty();
        assertThat(restarted.metrics(T0)).containsEntry("accessListDroppedAtStart", 1L)
                .containsEntry("accessListLastRefusal", "bad-signature").containsEntry("accessListVersion", 0L);
        assertThat(holder().current()).as("dropped from the file too").isEmpty();
        assertThat(holder().metrics(T0)).containsEntry("accessListDroppedAtStart", 0L);
    }

    @Test
    void aListSignedWithTheOldKeyIsDroppedAfterAKeyRenewal() {
        holder().offer(signed(snapshot(2, List.of(member(1).build()), Set.of())), T0);
        AccessListHolder renewed = holder(AccessKeys.generate());
        assertThat(renewed.current()).isEmpty();
        assertThat(renewed.refused(Reason.BAD_SIGNATURE)).isEqualTo(1);
    }

    @Test
    void beyondTheDeltaBoundASnapshotIsNeeded() {
        AccessListHolder holder = holder();
        holder.offer(signed(snapshot(1, List.of(), Set.of())), T0);
        for (int i = 1; i <= AccessListHolder.MAX_DELTAS; i++) {
            assertThat(holder.offer(signed(delta(i, i + 1, List.of(member(i).build()), Set.of())), T0).outcome())
                    .isEqualTo(AccessListOffer.Outcome.DELTA_MERGED);
        }
        long last = AccessListHolder.MAX_DELTAS + 1;
        AccessListOffer beyond = holder.offer(signed(delta(last, last + 1, List.of(), Set.of())), T0);
        assertThat(beyond.snapshotNeeded()).isTrue();
        assertThat(holder().current().orElseThrow().list().grants()).hasSize(AccessListHolder.MAX_DELTAS);

        holder.offer(signed(snapshot(last + 1, List.of(), Set.of())), T0);
        assertThat(holder.metrics(T0)).containsEntry("accessListDeltas", 0);
    }

    @Test
    void theMergedListDecidesLikeTheEquivalentSnapshot() {
        AccessListHolder holder = holder();
        holder.offer(signed(snapshot(1, List.of(member(1).build(), member(2).build(), member(3).build()),
                Set.of(hash(8)))), T0);
        List<BadgeGrant> changes = List.of(member(2).doors(OTHER_DOOR).build(), member(4).pack(2, null).build(),
                member(8).build());
        holder.offer(signed(delta(1, 2, changes, Set.of(hash(3), hash(5)))), T0);
        AccessList equivalent = snapshot(2, List.of(member(1).build(), member(2).doors(OTHER_DOOR).build(),
                member(4).pack(2, null).build(), member(8).build()), Set.of(hash(3), hash(5)));

        HeldList merged = holder.current().orElseThrow();
        HeldList direct = HeldList.of(equivalent, T0);
        AccessPolicy policy = AccessPolicy.defaults();
        List<Instant> times = new ArrayList<>();
        for (int hour = 0; hour < 24 * 7; hour += 5) {
            times.add(T0.plus(Duration.ofHours(hour)));
        }
        for (int badge = 1; badge <= 9; badge++) {
            for (String door : List.of(DOOR, OTHER_DOOR)) {
                for (Instant now : times) {
                    assertThat(decide(merged, badge, door, now, policy))
                            .isEqualTo(decide(direct, badge, door, now, policy));
                }
            }
        }
    }

    private static DoorDecision decide(HeldList list, int badge, String door, Instant now, AccessPolicy policy) {
        return DoorDecisions.decide(Optional.of(list), hash(badge), door, now, policy, PackDayLedger.empty());
    }

    private static void assertRefused(AccessListHolder holder, SignedAccessList signed, Reason reason) {
        assertThat(holder.offer(signed, T0).refusal()).hasValueSatisfying(why ->
                assertThat(why.reason()).isEqualTo(reason));
    }
}
