package fr.relais.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.protocol.access.AccessKeys;
import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.AccessListSigner;
import fr.relais.protocol.access.AccessListVerifier;
import fr.relais.protocol.access.BadgeGrant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lists made from the coworking data, the reports read from the nodes, the key read from its file. */
class AccessListBuilderTest {
    private static final String SITE = "rozoy-cowork";
    private static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void aHashBothGrantedAndRevokedIsRevokedAndADuplicateGrantIsDroppedAndCounted() {
        BadgeGrant a = FakeCoworking.member(1, Set.of("porte-entree"));
        BadgeGrant b = FakeCoworking.member(2, Set.of("porte-entree"));
        BadgeGrant aAgain = FakeCoworking.member(1, Set.of("porte-salle"));
        AccessListBuilder.Built built = AccessListBuilder.build(SITE, 1, NOW,
                new SiteGrants(List.of(a, b, aAgain), List.of(b.badgeHash()), PARIS), Optional.empty());
        assertThat(built.snapshot().grants()).containsExactly(a);
        assertThat(built.snapshot().revoked()).containsExactly(b.badgeHash());
        assertThat(built.duplicates()).isEqualTo(1);
        assertThat(built.delta()).as("no previous snapshot, no delta").isEmpty();
    }

    @Test
    void theDeltaHoldsTheChangesAndMergesIntoTheSnapshotsGrants() {
        List<BadgeGrant> before = FakeCoworking.members(4);
        AccessList first = AccessListBuilder.build(SITE, 1, NOW, new SiteGrants(before, List.of(), PARIS),
                Optional.empty()).snapshot();
        BadgeGrant changed = FakeCoworking.member(1, Set.of("porte-salle"));
        BadgeGrant joined = FakeCoworking.member(9, Set.of("porte-entree"));
        String revoked = before.get(3).badgeHash();
        AccessListBuilder.Built second = AccessListBuilder.build(SITE, 2, NOW.plusSeconds(60),
                new SiteGrants(List.of(before.get(0), changed, joined), List.of(revoked), PARIS), Optional.of(first));
        AccessList delta = second.delta().orElseThrow();
        assertThat(delta.baseVersion()).contains(1L);
        assertThat(delta.grants()).containsExactlyInAnyOrder(changed, joined);
        assertThat(delta.revoked()).containsExactlyInAnyOrder(before.get(2).badgeHash(), revoked);
        AccessList merged = Merge.apply(first, delta);
        assertThat(Merge.byHash(merged.grants())).isEqualTo(Merge.byHash(second.snapshot().grants()));
        assertThat(merged.revoked()).containsAll(second.snapshot().revoked());
        // A previous snapshot of another version (a gap after a restore) gives no delta.
        assertThat(AccessListBuilder.build(SITE, 3, NOW, new SiteGrants(before, List.of(), PARIS), Optional.of(first))
                .delta()).isEmpty();
    }

    @Test
    void anUnchangedSiteGivesAnEmptyDeltaAndAReGrantedBadgeLeavesTheRevoked() {
        List<BadgeGrant> grants = FakeCoworking.members(2);
        AccessList first = AccessListBuilder.build(SITE, 1, NOW, new SiteGrants(grants.subList(0, 1),
                List.of(grants.get(1).badgeHash()), PARIS), Optional.empty()).snapshot();
        AccessList same = AccessListBuilder.build(SITE, 2, NOW, new SiteGrants(grants.subList(0, 1),
                List.of(grants.get(1).badgeHash()), PARIS), Optional.of(first)).delta().orElseThrow();
        assertThat(same.grants()).isEmpty();
        assertThat(same.revoked()).isEmpty();
        AccessList regranted = AccessListBuilder.build(SITE, 2, NOW, new SiteGrants(grants, List.of(), PARIS),
                Optional.of(first)).delta().orElseThrow();
        assertThat(Merge.apply(first, regranted).revoked()).isEmpty();
        assertThat(Merge.apply(first, regranted).grants()).hasSize(2);
    }

    @Test
    void reportsAreReadStrictlyNamingTheField() throws Exception {
        AccessListReport report = AccessListReport.parse(
                "{\"version\":12,\"issuedAt\":\"2026-12-05T08:00:00Z\",\"outcome\":\"refused\",\"reason\":\"wrong-base\","
                        + "\"needSnapshot\":true}");
        assertThat(report).isEqualTo(new AccessListReport(12, "refused", "wrong-base", true));
        assertThat(AccessListReport.parse("{\"version\":0,\"outcome\":\"connected\"}").needSnapshot())
                .as("a node holding nothing needs a snapshot").isTrue();
        for (String[] broken : new String[][] {
                {"not json", "data"}, {"[1]", "data"}, {"null", "data"}, {"{\"outcome\":\"connected\"}", "version"},
                {"{\"version\":\"12\",\"outcome\":\"connected\"}", "version"},
                {"{\"version\":-1,\"outcome\":\"connected\"}", "version"},
                {"{\"version\":1.5,\"outcome\":\"connected\"}", "version"},
                {"{\"version\":99999999999999999999999,\"outcome\":\"connected\"}", "version"},
                {"{\"version\":1}", "outcome"}, {"{\"version\":1,\"outcome\":\"CONNECTED\"}", "outcome"},
                {"{\"version\":1,\"outcome\":\"refused\",\"reason\":7}", "reason"},
                {"{\"version\":1,\"outcome\":\"refused\",\"reason\":\"" + "x".repeat(100) + "\"}", "reason"},
                {"{\"version\":1,\"outcome\":\"connected\",\"needSnapshot\":\"yes\"}", "needSnapshot"}}) {
            assertThatThrownBy(() -> AccessListReport.parse(broken[0])).as(broken[0])
                    .isInstanceOfSatisfying(AccessListReport.Invalid.class,
                            e -> assertThat(e.field()).isEqualTo(broken[1]));
        }
        assertThatThrownBy(() -> AccessListReport.parse(null)).isInstanceOf(AccessListReport.Invalid.class);
    }

    @Test
    void theSigningKeyIsReadFromItsPemFileOrStopsTheHubNamingTheFile(@TempDir Path dir) throws Exception {
        KeyPair keys = AccessKeys.generate();
        Path file = Files.writeString(dir.resolve("access-signing-key.pem"), AccessKeys.privatePem(keys.getPrivate()));
        AccessListSigner signer = AccessSigningKey.load(Optional.of(file)).orElseThrow();
        AccessList list = AccessListBuilder.build(SITE, 1, NOW, new SiteGrants(FakeCoworking.members(1), List.of(),
                PARIS), Optional.empty()).snapshot();
        assertThat(AccessListVerifier.fromPem(AccessKeys.publicPem(keys.getPublic()), SITE)
                .verify(signer.sign(list), OptionalLong.empty())).isEqualTo(list);

        assertThat(AccessSigningKey.load(Optional.empty())).isEmpty();
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> AccessSigningKey.load(Optional.of(garbage)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(garbage.toString());
        Path publicOnly = Files.writeString(dir.resolve("public.pem"), AccessKeys.publicPem(keys.getPublic()));
        assertThatThrownBy(() -> AccessSigningKey.load(Optional.of(publicOnly)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an Ed25519 PRIVATE KEY");
        assertThatThrownBy(() -> AccessSigningKey.load(Optional.of(dir.resolve("missing.pem"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read");
    }
}
