package fr.relais.agent.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.protocol.access.BadgeGrant.BadgeClass;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A policy is built from configuration: a bad one is refused at start, naming the limit. */
class AccessPolicyTest {
    @Test
    void defaultsKeepDecidingPastADayAndRefuseMembersAfterAWeekStaffAfterAMonth() {
        AccessPolicy policy = AccessPolicy.defaults();
        assertThat(policy.stale(Duration.ofHours(24))).isFalse();
        assertThat(policy.stale(Duration.ofHours(24).plusSeconds(1))).isTrue();
        assertThat(policy.tooOldFor(BadgeClass.MEMBER, Duration.ofDays(7))).isFalse();
        assertThat(policy.tooOldFor(BadgeClass.MEMBER, Duration.ofDays(7).plusSeconds(1))).isTrue();
        assertThat(policy.tooOldFor(BadgeClass.STAFF, Duration.ofDays(8))).isFalse();
        assertThat(policy.tooOldFor(BadgeClass.MAINTENANCE, Duration.ofDays(31))).isTrue();
    }

    @Test
    void aMissingClassIsRefused() {
        assertThatThrownBy(() -> new AccessPolicy(Duration.ofHours(1), Map.of(BadgeClass.MEMBER, Duration.ofDays(1),
                BadgeClass.STAFF, Duration.ofDays(1)))).hasMessageContaining("refuseAfter.MAINTENANCE is missing");
    }

    @Test
    void aHardLimitShorterThanTheAlertIsRefused() {
        assertThatThrownBy(() -> new AccessPolicy(Duration.ofDays(2), Map.of(BadgeClass.MEMBER, Duration.ofDays(1),
                BadgeClass.STAFF, Duration.ofDays(30), BadgeClass.MAINTENANCE, Duration.ofDays(30))))
                .hasMessageContaining("refuseAfter.MEMBER");
    }

    @Test
    void aZeroAlertAgeIsRefused() {
        assertThatThrownBy(() -> new AccessPolicy(Duration.ZERO, Map.of()))
                .hasMessageContaining("staleAfter must be positive");
    }
}
