package fr.relais.agent.access;

import static fr.relais.agent.access.AccessFixtures.PARIS;
import static fr.relais.agent.access.AccessFixtures.hash;
import static fr.relais.agent.access.AccessFixtures.member;
import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.config.AccessSettings;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.store.AgentDatabase;
import fr.relais.protocol.access.AccessKeys;
import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.AccessListCodec;
import fr.relais.protocol.access.AccessListException.Reason;
import fr.relais.protocol.access.AccessListFragment;
import fr.relais.protocol.access.AccessListFragments;
import fr.relais.protocol.access.AccessListSigner;
import fr.relais.protocol.access.SignedAccessList;
import fr.relais.protocol.access.SignedAccessListCodec;
import fr.relais.protocol.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fragments as the hub publishes them, into a real holder on SQLite; the answers the node sends back. */
class AccessListFeedTest {
    static final String SITE = "rozoy-cowork";
    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    @TempDir
    Path dir;
    final KeyPair hub = AccessKeys.generate();
    final AccessListFragments fragments = new AccessListFragments();
    final RecordingDevices.Log log = new RecordingDevices.Log();
    AccessListSigner signer;
    AccessListStore store;
    AccessListHolder holder;
    AccessListFeed feed;

    @BeforeEach
    void setUp() throws Exception {
        signer = new AccessListSigner(hub.getPrivate(), new AccessListCodec());
        store = new AccessListStore(AgentDatabase.open(dir.resolve("agent.db")));
        holder = AccessListHolder.open(new AccessSettings(hub.getPublic(), Duration.ofDays(7)), SITE, store);
        feed = new AccessListFeed(SITE, holder, log, Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    static AccessList snapshot(String site, long version) {
        return new AccessList(site, version, Optional.empty(), T0.minusSeconds(60), PARIS,
                List.of(member(1).build(), member(2).build()), Set.of(hash(9)));
    }

    byte[] wire(AccessList list) {
        return new SignedAccessListCodec().encode(signer.sign(list));
    }

    /** The wire cut in {@code parts} pieces, as fragment payloads. */
    List<byte[]> cut(String site, long version, byte[] wire, int parts) {
        List<byte[]> payloads = new ArrayList<>();
        int size = (wire.length + parts - 1) / parts;
        for (int part = 0; part < parts; part++) {
            byte[] data = Arrays.copyOfRange(wire, part * size, Math.min(wire.length, (part + 1) * size));
            payloads.add(fragments.encode(new AccessListFragment(site, version, part, parts, data)));
        }
        return payloads;
    }

    DeviceEvent answer() {
        assertThat(log.entries).isNotEmpty();
        assertThat(log.entries.get(log.entries.size() - 1).device()).as("a node event, no device").isEmpty();
        return log.last();
    }

    @Test
    void atConnectionANodeWithoutAListAsksForASnapshot() {
        feed.connected();

        assertThat(answer().type()).isEqualTo(AccessEvents.LIST);
        assertThat(answer().data()).containsEntry("version", 0L).containsEntry("outcome", "connected")
                .containsEntry("needSnapshot", true).doesNotContainKeys("issuedAt", "reason");
    }

    @Test
    void fragmentsInAnyOrderMakeTheListTheDoorHolds() {
        List<byte[]> parts = cut(SITE, 5, wire(snapshot(SITE, 5)), 3);
        feed.deliver(parts.get(2));
        feed.deliver(parts.get(0));
        feed.deliver(parts.get(0));
        assertThat(log.entries).as("nothing to say before the last part").isEmpty();
        feed.deliver(parts.get(1));

        assertThat(holder.current()).hasValueSatisfying(held -> assertThat(held.list().version()).isEqualTo(5));
        assertThat(answer().data()).containsEntry("version", 5L).containsEntry("outcome", "accepted")
                .containsEntry("issuedAt", T0.minusSeconds(60).toString()).containsEntry("needSnapshot", false);
        feed.connected();
        assertThat(answer().data()).containsEntry("outcome", "connected").containsEntry("version", 5L)
                .containsEntry("needSnapshot", false);
    }

    @Test
    void theSplitOfTheProtocolIsReadBack() {
        fragments.split(SITE, 5, wire(snapshot(SITE, 5))).forEach(feed::deliver);

        assertThat(answer().data()).containsEntry("outcome", "accepted").containsEntry("version", 5L);
    }

    @Test
    void aTamperedListIsRefusedCountedAndTheHeldOneKept() {
        fragments.split(SITE, 5, wire(snapshot(SITE, 5))).forEach(feed::deliver);
        SignedAccessList signed = signer.sign(snapshot(SITE, 6));
        String payload = new String(signed.payload(), StandardCharsets.UTF_8);
        assertThat(payload).as("the revoked badge, to be let in by the forger").contains(hash(9));
        byte[] tampered = new SignedAccessListCodec().encode(new SignedAccessList(
                payload.replace(hash(9), hash(8)).getBytes(StandardCharsets.UTF_8), signed.signature()));

        fragments.split(SITE, 6, tampered).forEach(feed::deliver);

        assertThat(answer().severity()).isEqualTo(Severity.WARNING);
        assertThat(answer().data()).containsEntry("outcome", "refused").containsEntry("version", 5L);
        assertThat(answer().data()).containsEntry("reason", "bad-signature");
        assertThat(holder.refused(Reason.BAD_SIGNATURE)).isEqualTo(1);
        assertThat(holder.current().orElseThrow().list().version()).isEqualTo(5);
    }

    @Test
    void aListSignedByAnotherKeyIsABadSignature() throws Exception {
        AccessListSigner other = new AccessListSigner(AccessKeys.generate().getPrivate(), new AccessListCodec());
        fragments.split(SITE, 5, new SignedAccessListCodec().encode(other.sign(snapshot(SITE, 5)))).forEach(feed::deliver);

        assertThat(answer().data()).containsEntry("outcome", "refused").containsEntry("reason", "bad-signature")
                .containsEntry("needSnapshot", true);
        assertThat(holder.refused(Reason.BAD_SIGNATURE)).isEqualTo(1);
        assertThat(holder.current()).isEmpty();
    }

    @Test
    void aFragmentForAnotherSiteIsRefusedAndCounted() {
        fragments.split("montcornet", 5, wire(snapshot("montcornet", 5))).forEach(feed::deliver);

        assertThat(answer().data()).containsEntry("outcome", "refused").containsEntry("reason", "other-site");
        assertThat(holder.refused(Reason.OTHER_SITE)).isEqualTo(1);
        assertThat(holder.current()).isEmpty();
    }

    @Test
    void aListSignedForAnotherSiteButSentAsOursIsRefusedToo() {
        fragments.split(SITE, 5, wire(snapshot("montcornet", 5))).forEach(feed::deliver);

        assertThat(answer().data()).containsEntry("outcome", "refused").containsEntry("reason", "other-site");
        assertThat(holder.current()).isEmpty();
    }

    @Test
    void anOlderVersionIsIgnored() {
        fragments.split(SITE, 5, wire(snapshot(SITE, 5))).forEach(feed::deliver);
        fragments.split(SITE, 4, wire(snapshot(SITE, 4))).forEach(feed::deliver);

        assertThat(answer().data()).containsEntry("outcome", "ignored").containsEntry("reason", "old-version")
                .containsEntry("version", 5L).containsEntry("needSnapshot", false);
        assertThat(holder.refused(Reason.OLD_VERSION)).isEqualTo(1);
    }

    @Test
    void aDeltaOnAnotherBaseAsksForASnapshot() {
        fragments.split(SITE, 5, wire(snapshot(SITE, 5))).forEach(feed::deliver);
        AccessList delta = new AccessList(SITE, 8, Optional.of(7L), T0, PARIS, List.of(), Set.of(hash(1)));
        fragments.split(SITE, 8, wire(delta)).forEach(feed::deliver);

        assertThat(answer().data()).containsEntry("outcome", "refused").containsEntry("reason", "wrong-base")
                .containsEntry("needSnapshot", true);
        feed.connected();
        assertThat(answer().data()).as("still without a snapshot").containsEntry("needSnapshot", true);
        fragments.split(SITE, 9, wire(snapshot(SITE, 9))).forEach(feed::deliver);
        assertThat(answer().data()).containsEntry("outcome", "accepted").containsEntry("needSnapshot", false);
    }

    @Test
    void garbageIsRefusedCountedAndAnsweredAtMostOnceAMinute() {
        List<byte[]> garbage = List.of(new byte[0], "not json".getBytes(StandardCharsets.UTF_8),
                "{\"v\":1}".getBytes(StandardCharsets.UTF_8),
                "{\"v\":1,\"site\":\"rozoy-cowork\",\"version\":1,\"part\":3,\"parts\":2,\"data\":\"AA==\"}"
                        .getBytes(StandardCharsets.UTF_8),
                "{\"v\":1,\"site\":\"rozoy-cowork\",\"version\":1,\"part\":0,\"parts\":1,\"data\":\"%%%\"}"
                        .getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});

        garbage.forEach(feed::deliver);

        assertThat(holder.refused(Reason.MALFORMED)).isEqualTo(garbage.size());
        assertThat(log.ofType(AccessEvents.LIST)).hasSize(1);
        assertThat(answer().data()).containsEntry("outcome", "refused").containsEntry("reason", "malformed");
        assertThat(holder.metrics(T0)).containsEntry("accessListRefused", (long) garbage.size());
    }

    @Test
    void assembledGarbageIsRefusedAsMalformed() {
        cut(SITE, 5, "{\"v\":1,\"payload\":".getBytes(StandardCharsets.UTF_8), 2).forEach(feed::deliver);

        assertThat(answer().data()).containsEntry("outcome", "refused").containsEntry("reason", "malformed");
        assertThat(holder.refused(Reason.MALFORMED)).isEqualTo(1);
    }
}
