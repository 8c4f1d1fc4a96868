package fr.relais.agent.uplink;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: after the n-th failure in a row, wait a random time between
 * half and all of min(max, base·2ⁿ). The jitter keeps six sites that lost the same ADSL exchange
 * from all knocking on the broker in the same second when it comes back; the lower half-bound
 * keeps a broken broker from being hammered.
 */
public final class Backoff {
    private final Duration base;
    private final Duration max;
    private final RandomGenerator random;
    private int failures;

    public Backoff(Duration base, Duration max, RandomGenerator random) {
        this.base = base;
        this.max = max;
        this.random = random;
    }

    /** The wait before the next attempt, counting one more failure. */
    public Duration nextDelay() {
        long ceiling = Math.min(max.toMillis(), base.toMillis() << Math.min(failures, 30));
        failures++;
        long half = Math.max(1, ceiling / 2);
        return Duration.ofMillis(half + random.nextLong(half + 1));
    }

    public void reset() {
        failures = 0;
    }
}
