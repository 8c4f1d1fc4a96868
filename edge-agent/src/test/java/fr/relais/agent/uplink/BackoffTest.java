package fr.relais.agent.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void growsExponentiallyWithJitterUpToTheCeiling() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new Random(42));
        long[] expectedCeilings = {100, 200, 400, 800, 1600, 3200, 6400, 10_000, 10_000, 10_000};
        for (long ceiling : expectedCeilings) {
            long delay = backoff.nextDelay().toMillis();
            assertThat(delay).isBetween(ceiling / 2, ceiling);
        }
    }

    @Test
    void startsOverAfterASuccess() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new Random(1));
        for (int i = 0; i < 8; i++) {
            backoff.nextDelay();
        }
        backoff.reset();
        assertThat(backoff.nextDelay().toMillis()).isBetween(50L, 100L);
    }

    @Test
    void spreadsNodesThatFailedTogether() {
        long first = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), new Random(1)).nextDelay().toMillis();
        long second = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), new Random(2)).nextDelay().toMillis();
        assertThat(first).isNotEqualTo(second);
    }
}
