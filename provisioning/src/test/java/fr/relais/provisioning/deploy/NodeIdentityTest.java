package fr.relais.provisioning.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rotations and revocations in the store, without a broker. */
class NodeIdentityTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Credential.Factory FACTORY = (username, now) -> new Credential(username,
            "p".repeat(32), "AAAAAAAAAAAAAAAA", now, null, null);

    private static NodeIdentity first() {
        return new NodeIdentity(1, List.of(FACTORY.create("n.1", T0)), null);
    }

    @Test
    void aSecondRotationWithinTheOverlapKeepsTheFirstCredentialsEarlierEnd() {
        Instant firstEnd = T0.plus(Duration.ofHours(24));
        NodeIdentity once = first().rotated("n", FACTORY, T0, firstEnd);
        NodeIdentity twice = once.rotated("n", FACTORY, T0.plusSeconds(3600), T0.plus(Duration.ofHours(48)));
        assertThat(twice.generation()).isEqualTo(3);
        assertThat(twice.valid(T0.plusSeconds(7200))).extracting(Credential::username)
                .containsExactly("n.1", "n.2", "n.3");
        assertThat(twice.credentials().get(0).expiresAt()).isEqualTo(firstEnd);
        assertThat(twice.valid(firstEnd.plusSeconds(1))).extracting(Credential::username).containsExactly("n.2", "n.3");
        assertThat(twice.current().username()).isEqualTo("n.3");
    }

    @Test
    void aRevokedNodeHasNoValidCredentialUntilItIsRotatedAndThenOnlyTheNewOne() {
        NodeIdentity revoked = first().rotated("n", FACTORY, T0, T0.plus(Duration.ofDays(7))).revokedAt(T0);
        assertThat(revoked.valid(T0)).isEmpty();
        NodeIdentity back = revoked.rotated("n", FACTORY, T0.plusSeconds(60), T0.plus(Duration.ofDays(7)));
        assertThat(back.revoked()).isFalse();
        assertThat(back.valid(T0.plusSeconds(60))).extracting(Credential::username).containsExactly("n.3");
    }

    @Test
    void expiredCredentialsArePrunedButTheCurrentOneStays() {
        NodeIdentity rotated = first().rotated("n", FACTORY, T0, T0.plusSeconds(10));
        assertThat(rotated.pruned(T0.plusSeconds(11)).credentials()).extracting(Credential::username)
                .containsExactly("n.2");
        assertThat(rotated.pruned(T0).credentials()).hasSize(2);
    }

    @Test
    void aZeroOverlapCutsTheOldCredentialAtOnce() {
        NodeIdentity rotated = first().rotated("n", FACTORY, T0, T0);
        assertThat(rotated.valid(T0)).extracting(Credential::username).containsExactly("n.2");
    }
}
