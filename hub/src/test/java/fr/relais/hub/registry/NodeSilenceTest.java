package fr.relais.hub.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.hub.alert.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a node that says it is online counts as silent, at the pace provisioning renders (60 s). */
class NodeSilenceTest {
    /** provisioning's telemetry.intervalSeconds for a real node (edge-agent's ReportingPace.NODE_SECONDS). */
    private static final Duration NODE_INTERVAL = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-08T09:00:00Z"));
    private final NodeSilence silence = new NodeSilence(NodeSilence.DEFAULT_TIMEOUT, clock);

    @Test
    void aNodeThatMissesTwoReportsIsNotSilentButOneThatMissesThreeIs() {
        long lastHeard = clock.millis();

        clock.advance(NODE_INTERVAL.multipliedBy(2).plusSeconds(30));
        assertThat(silence.silent(lastHeard)).as("two reports lost or late, and half an interval more").isFalse();
        clock.advance(NODE_INTERVAL.multipliedBy(1));
        assertThat(silence.silent(lastHeard)).as("three intervals and a half without a word").isTrue();
    }

    @Test
    void aNodeNeverHeardFromIsNotSilent() {
        clock.advance(Duration.ofDays(1));

        assertThat(silence.silent(null)).isFalse();
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThatThrownBy(() -> new NodeSilence(Duration.ZERO, clock)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
