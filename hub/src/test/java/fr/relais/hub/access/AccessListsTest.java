package fr.relais.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.alert.MutableClock;
import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.ingest.write.StoredTotals;
import fr.relais.hub.metrics.HubMetrics;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.access.AccessKeys;
import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.AccessListCodec;
import fr.relais.protocol.access.AccessListException;
import fr.relais.protocol.access.AccessListSigner;
import fr.relais.protocol.access.AccessListVerifier;
import fr.relais.protocol.access.BadgeGrant;
import fr.relais.protocol.access.SignedAccessListCodec;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hub's access lists end to end: issued from the coworking data, signed with a real Ed25519
 * key, stored (SQLite and PostgreSQL), published in fragments through a real Mosquitto to door
 * nodes played by Paho clients, which put them back together and verify them as an agent does.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class AccessListsTest {
    static final String SITE = "rozoy-cowork";
    static final String NODE = "rozoy-cowork-porte";
    private static final AccessLists.Timing FAST = new AccessLists.Timing(Duration.ofMillis(500),
            Duration.ofMillis(300), Duration.ofMillis(100));
    private static final KeyPair KEYS = AccessKeys.generate();

    @Parameter
    TestDatabase.Kind kind;

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    private final MutableClock clock = new MutableClock(Instant.now());
    private final FakeCoworking coworking = new FakeCoworking(SITE);
    private final SignedAccessListCodec wire = new SignedAccessListCodec();
    private TestDatabase testDatabase;
    private IngestingHub hub;
    private DoorNode door;
    private AccessLists lists;
    private AccessListVerifier verifier;

    @BeforeEach
    void start(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        testDatabase = TestDatabase.create(kind, dir);
        hub = new IngestingHub(broker.url(), testDatabase.url());
        door = new DoorNode(broker.url(), SITE, NODE);
        door.announce();
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.rows.doorNodes(SITE).contains(NODE));
        verifier = AccessListVerifier.fromPem(AccessKeys.publicPem(KEYS.getPublic()), SITE);
    }

    @AfterEach
    void stop() throws Exception {
        if (lists != null) {
            lists.close();
        }
        door.close();
        hub.close();
        testDatabase.close();
    }

    private void startLists() throws Exception {
        lists = AccessLists.start(Optional.of(new AccessListSigner(KEYS.getPrivate(), new AccessListCodec())),
                coworking, hub.rows, hub.link::publish, clock, FAST);
    }

    private AccessList verified(byte[] signedWire, OptionalLong held) throws AccessListException {
        return verifier.verify(wire.decode(signedWire), held);
    }

    @Test
    void aLargeListReachesTheDoorInFragmentsAsTheExactSignedBytes() throws Exception {
        coworking.set(FakeCoworking.members(10_000), List.of(FakeCoworking.hash("revoked-1")));
        startLists();
        byte[] received = door.nextList();

        assertThat(received).isEqualTo(hub.rows.snapshot(SITE, 1).orElseThrow());
        assertThat(door.fragmentsReceived()).as("a 10 000-badge list needs several fragments").isGreaterThan(10);
        AccessList list = verified(received, OptionalLong.empty());
        assertThat(list.version()).isEqualTo(1);
        assertThat(list.isDelta()).isFalse();
        assertThat(list.grants()).hasSize(10_000).isEqualTo(coworking.grants(SITE, clock.instant()).grants());
        assertThat(list.revoked()).containsExactly(FakeCoworking.hash("revoked-1"));
        assertThat(list.timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(list.issuedAt()).isEqualTo(clock.instant());
        // Really signed with the hub's key: another key's verifier refuses the same bytes.
        AccessListVerifier stranger = AccessListVerifier.fromPem(AccessKeys.publicPem(AccessKeys.generate().getPublic()),
                SITE);
        assertThatThrownBy(() -> stranger.verify(wire.decode(received), OptionalLong.empty()))
                .isInstanceOfSatisfying(AccessListException.class,
                        e -> assertThat(e.reason()).isEqualTo(AccessListException.Reason.BAD_SIGNATURE));
    }

    @Test
    void aNodeOneVersionBehindGetsTheDeltaWhichMergesIntoTheNewSnapshot() throws Exception {
        List<BadgeGrant> before = FakeCoworking.members(5);
        coworking.set(before, List.of());
        startLists();
        AccessList first = verified(door.nextList(), OptionalLong.empty());
        door.reportHeld(1, "accepted", false);
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.rows.holding(NODE)
                .filter(held -> held.heldVersion() == 1).isPresent());

        List<BadgeGrant> after = new ArrayList<>(before.subList(1, 4)); // member 0 leaves, member 4 is revoked
        after.set(0, FakeCoworking.member(1, Set.of("porte-entree", "porte-salle"))); // member 1 changes
        after.add(FakeCoworking.member(7, Set.of("porte-entree"))); // member 7 joins
        coworking.set(after, List.of(before.get(4).badgeHash()));
        lists.changed(SITE);
        lists.changed(SITE); // coalesced with the first
        byte[] received = door.nextList();

        assertThat(received).isEqualTo(hub.rows.delta(SITE, 2).orElseThrow());
        AccessList delta = verified(received, OptionalLong.of(1));
        assertThat(delta.baseVersion()).contains(1L);
        assertThat(delta.grants()).extracting(BadgeGrant::member).containsExactlyInAnyOrder("m-1", "m-7");
        assertThat(delta.revoked()).containsExactlyInAnyOrder(before.get(0).badgeHash(), before.get(4).badgeHash());
        AccessList merged = Merge.apply(first, delta);
        AccessList snapshot = verified(hub.rows.snapshot(SITE, 2).orElseThrow(), OptionalLong.of(1));
        assertThat(Merge.byHash(merged.grants())).isEqualTo(Merge.byHash(snapshot.grants()));
        assertThat(merged.revoked()).containsAll(snapshot.revoked()).contains(before.get(0).badgeHash());
        assertThat(hub.rows.latest(SITE).orElseThrow().version()).as("two changes, one version").isEqualTo(2);
    }

    @Test
    void aNodeFurtherBehindOrAskingForASnapshotGetsTheSnapshot() throws Exception {
        coworking.set(FakeCoworking.members(3), List.of());
        startLists();
        door.nextList();
        door.reportHeld(1, "accepted", false);
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.rows.holding(NODE).orElseThrow().heldVersion() == 1);
        coworking.set(FakeCoworking.members(4), List.of());
        lists.changed(SITE);
        assertThat(verified(door.nextList(), OptionalLong.of(1)).isDelta()).isTrue();
        // The node refuses the delta (say it lost its list meanwhile): a snapshot at once.
        door.reportHeld(1, "refused", true);
        AccessList snapshot = verified(door.nextList(), OptionalLong.of(1));
        assertThat(snapshot.isDelta()).isFalse();
        assertThat(snapshot.version()).isEqualTo(2);

        coworking.set(FakeCoworking.members(5), List.of());
        lists.changed(SITE);
        door.nextList(); // version 3, which the node says it never got
        clock.advance(Duration.ofMinutes(3));
        door.reportHeld(1, "connected", false);
        AccessList latest = verified(door.nextList(), OptionalLong.of(1));
        assertThat(latest.isDelta()).as("two versions behind").isFalse();
        assertThat(latest.version()).isEqualTo(3);
        assertThat(latest.grants()).hasSize(5);
    }

    @Test
    void aNodeHoldingAVersionBeyondTheHubsMakesTheHubIssuePastIt() throws Exception {
        coworking.set(FakeCoworking.members(2), List.of());
        startLists();
        door.nextList();
        door.reportHeld(5, "connected", false); // the hub's database was restored from an older backup
        AccessList past = verified(door.nextList(), OptionalLong.of(5));
        assertThat(past.version()).isEqualTo(6);
        assertThat(past.isDelta()).isFalse();
        assertThat(hub.rows.latest(SITE).orElseThrow().version()).isEqualTo(6);
    }

    @Test
    void aDoorNodeOfASiteWithoutCoworkingDataIsGivenASignedEmptyList(MosquittoProcess broker) throws Exception {
        String other = "montcornet-cowork";
        startLists();
        try (DoorNode newcomer = new DoorNode(broker.url(), other, "montcornet-porte")) {
            newcomer.announce();
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.rows.doorNodes(other).contains("montcornet-porte"));
            newcomer.reportHeld(0, "connected", true);

            AccessList empty = AccessListVerifier.fromPem(AccessKeys.publicPem(KEYS.getPublic()), other)
                    .verify(wire.decode(newcomer.nextList()), OptionalLong.empty());

            assertThat(empty.isDelta()).isFalse();
            assertThat(empty.site()).isEqualTo(other);
            assertThat(empty.grants()).as("deny all, as without a list, but signed and fresh").isEmpty();
            assertThat(hub.rows.latest(other)).isPresent();
        }
    }

    @Test
    void aNodeThatNeverAnswersIsSentTheListAgainAfterTwoMinutes() throws Exception {
        coworking.set(FakeCoworking.members(2), List.of());
        startLists();
        byte[] first = door.nextList();
        clock.advance(AccessListPublisher.RESEND_AFTER.plusSeconds(1));
        assertThat(door.nextList()).isEqualTo(first);
        assertThat(hub.rows.holding(NODE).orElseThrow().sentVersion()).isEqualTo(1);
    }

    @Test
    void twelveHoursWithoutChangeIssueAFreshVersionWithAnEmptyDelta() throws Exception {
        coworking.set(FakeCoworking.members(2), List.of());
        startLists();
        door.nextList();
        door.reportHeld(1, "accepted", false);
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.rows.holding(NODE).orElseThrow().reportedAt() != null);
        lists.flush();
        clock.advance(AccessLists.REISSUE_AFTER);
        AccessList delta = verified(door.nextList(), OptionalLong.of(1));
        assertThat(delta.version()).isEqualTo(2);
        assertThat(delta.isDelta()).isTrue();
        assertThat(delta.grants()).isEmpty();
        assertThat(delta.revoked()).isEmpty();
        assertThat(delta.issuedAt()).isEqualTo(clock.instant()).isAfter(Instant.now().plusSeconds(3600));
    }

    @Test
    void onlyDoorNodesAreSentLists(MosquittoProcess broker) throws Exception {
        try (DoorNode kiosk = new DoorNode(broker.url(), SITE, "rozoy-cowork-kiosk")) {
            kiosk.announce(DeviceKind.KIOSK, DeviceKind.PRINTER);
            try (DoorNode reader = new DoorNode(broker.url(), SITE, "rozoy-cowork-lecteur")) {
                reader.announce(DeviceKind.BADGE_READER);
                await().atMost(Duration.ofSeconds(20)).until(() -> hub.rows.doorNodes(SITE).size() == 2);
                coworking.set(FakeCoworking.members(1), List.of());
                startLists();
                reader.nextList();
                door.nextList();
                lists.flush();
                assertThat(hub.rows.doorNodes(SITE)).containsExactly("rozoy-cowork-lecteur", NODE);
                assertThat(hub.rows.holding("rozoy-cowork-kiosk")).isEmpty();
                assertThat(kiosk.fragmentsReceived()).isZero();
            }
        }
    }

    @Test
    void brokenReportsAreCountedAndIgnoredAndTheNextGoodOneIsAnswered() throws Exception {
        coworking.set(FakeCoworking.members(1), List.of());
        startLists();
        HubMetrics metrics = new HubMetrics(new IngestStats(), new StoredTotals(), () -> 0, 1);
        metrics.bind(lists.metrics());
        door.nextList();
        door.report(Map.of("version", "douze", "outcome", "connected"));
        door.report(Map.of("version", -3L, "outcome", "connected"));
        door.report(Map.of("outcome", "connected"));
        door.report(Map.of("version", 1L, "outcome", "perhaps"));
        door.report(Map.of("version", 1L, "outcome", "refused", "needSnapshot", "oui"));
        door.report(Map.of("version", 1.5, "outcome", "accepted"));
        door.report(Map.of("version", 1_000_000_000_000L, "outcome", "accepted")); // no hub issued that
        // Only the latest readable report of a node counts: the good one goes once the others are read.
        await().atMost(Duration.ofSeconds(20)).until(() -> metrics.scrape()
                .contains("relais_access_list_reports_refused_total 7.0"));
        assertThat(hub.rows.holding(NODE).orElseThrow().reportedAt()).isNull();
        door.reportHeld(1, "accepted", false);
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.rows.holding(NODE).orElseThrow().heldVersion() == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> metrics.scrape()
                .contains("relais_access_list_nodes_behind{site=\"" + SITE + "\"} 0.0"));
        assertThat(metrics.scrape()).contains("relais_access_list_version{site=\"" + SITE + "\"} 1.0")
                .contains("relais_access_lists_enabled 1.0");
    }

    @Test
    void aSendTheBrokerRefusedIsCountedAndTriedAgainLater() throws Exception {
        coworking.set(FakeCoworking.members(1), List.of());
        java.util.concurrent.atomic.AtomicBoolean refusing = new java.util.concurrent.atomic.AtomicBoolean(true);
        lists = AccessLists.start(Optional.of(new AccessListSigner(KEYS.getPrivate(), new AccessListCodec())),
                coworking, hub.rows, (topic, payload) -> {
                    if (refusing.get()) { // the hub just started: its broker session is not up yet
                        throw new fr.relais.hub.ingest.NotSentException("the MQTT client is not connected", null);
                    }
                    return hub.link.publish(topic, payload);
                }, clock, FAST);
        HubMetrics metrics = new HubMetrics(new IngestStats(), new StoredTotals(), () -> 0, 1);
        metrics.bind(lists.metrics());
        await().atMost(Duration.ofSeconds(20)).until(() -> metrics.scrape()
                .contains("relais_access_list_sends_failed_total 1.0"));
        lists.flush();
        assertThat(hub.rows.latest(SITE).orElseThrow().version()).isEqualTo(1);
        assertThat(hub.rows.holding(NODE)).as("a failed send is not recorded as sent").isEmpty();

        refusing.set(false);
        clock.advance(AccessListPublisher.RETRY_AFTER_FAILURE);
        assertThat(verified(door.nextList(), OptionalLong.empty()).version()).isEqualTo(1);
        assertThat(hub.rows.holding(NODE).orElseThrow().sentVersion()).isEqualTo(1);
    }

    @Test
    void withoutAKeyNothingIsIssuedAndTheRestGoesOn() throws Exception {
        coworking.set(FakeCoworking.members(1), List.of());
        lists = AccessLists.start(AccessSigningKey.load(Optional.empty()), coworking, hub.rows, hub.link::publish,
                clock, FAST);
        lists.changed(SITE);
        assertThat(lists.enabled()).isFalse();
        assertThat(lists.pendingSites()).isEmpty();
        assertThat(hub.rows.latest(SITE)).isEmpty();
        HubMetrics metrics = new HubMetrics(new IngestStats(), new StoredTotals(), () -> 0, 1);
        metrics.bind(lists.metrics());
        assertThat(metrics.scrape()).contains("relais_access_lists_enabled 0.0");
    }
}
