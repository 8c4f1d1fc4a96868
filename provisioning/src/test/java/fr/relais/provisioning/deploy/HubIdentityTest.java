package fr.relais.provisioning.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hub's credentials across rotations, without a broker. */
class HubIdentityTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Credential.Factory FACTORY = (username, now) -> new Credential(username,
            "p".repeat(32), "AAAAAAAAAAAAAAAA", now, null, null);

    @Test
    void usernamesKeepTheFirstDeploymentsNameThenNumberTheRotations() {
        assertThat(HubIdentity.username(1)).isEqualTo("relais-hub");
        assertThat(HubIdentity.username(2)).isEqualTo("relais-hub.2");
        assertThat(HubIdentity.generation("relais-hub")).isEqualTo(1);
        assertThat(HubIdentity.generation("relais-hub.12")).isEqualTo(12);
        // Anything else is not a hub's: the secret store refuses it as damaged.
        for (String other : List.of("relais-hub.", "relais-hub.0", "relais-hub.x", "relais-hubs", "rozoy-pi.1", "")) {
            assertThat(HubIdentity.generation(other)).as(other).isZero();
        }
    }

    @Test
    void aRotationKeepsTheOldCredentialForTheOverlapThenDropsIt() {
        HubIdentity first = new HubIdentity(FACTORY.create("relais-hub", T0), null);
        Instant overlapEnds = T0.plus(Duration.ofHours(24));
        HubIdentity rotated = first.rotated(FACTORY, T0, overlapEnds);
        assertThat(rotated.current().username()).isEqualTo("relais-hub.2");
        assertThat(rotated.valid(T0)).extracting(Credential::username).containsExactly("relais-hub", "relais-hub.2");
        assertThat(rotated.valid(overlapEnds)).extracting(Credential::username).containsExactly("relais-hub.2");
        assertThat(rotated.pruned(overlapEnds).previous()).isEmpty();
        assertThat(rotated.pruned(T0).previous()).hasSize(1);
        // Twice within the overlap: the first keeps its earlier end, the second gets the new one.
        HubIdentity twice = rotated.rotated(FACTORY, T0.plusSeconds(60), T0.plus(Duration.ofHours(48)));
        assertThat(twice.current().username()).isEqualTo("relais-hub.3");
        assertThat(twice.previous()).extracting(Credential::expiresAt)
                .containsExactly(overlapEnds, T0.plus(Duration.ofHours(48)));
        assertThat(first.rotated(FACTORY, T0, T0).valid(T0)).as("no overlap").extracting(Credential::username)
                .containsExactly("relais-hub.2");
    }
}
