package fr.relais.agent.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * Simulated time running {@code factor} times faster than the real one, for benchmarks only
 * ({@code simulation.timeScale} in {@code agent.yaml}, which the configuration refuses unless every
 * device is simulated): a simulated day of a place in minutes. The simulated devices read the
 * scaled clock (so an opening day's visitors, sessions and printer wear happen), and the node's
 * telemetry and the devices' polls come {@code factor} times more often. Everything else keeps
 * real time: the outbox's durability barrier, the MQTT keep-alive, message timestamps, timeouts;
 * a benchmark measures those per real second apart (see {@code ./relais bench agent}).
 *
 * @param factor how many simulated seconds pass in one real second (at least 2)
 * @param start  the simulated instant at the agent's start; empty: the real one
 */
public record TimeScale(long factor, Optional<Instant> start) {
    public static final long MAX_FACTOR = 10_000;

    public TimeScale {
        Objects.requireNonNull(start, "start");
        if (factor < 2 || factor > MAX_FACTOR) {
            throw new IllegalArgumentException("a time scale must be between 2 and " + MAX_FACTOR + ", got " + factor);
        }
    }

    /** A clock that starts at {@link #start} (or now) and runs {@link #factor} times faster than {@code real}. */
    public Clock clock(Clock real) {
        Instant origin = real.instant();
        return new Scaled(real, origin, start.orElse(origin), factor);
    }

    /** A real-time interval for something that happens every {@code simulated}: never under 1 ms. */
    public Duration compress(Duration simulated) {
        return Duration.ofNanos(Math.max(1_000_000L, simulated.toNanos() / factor));
    }

    private static final class Scaled extends Clock {
        private final Clock real;
        private final Instant realOrigin;
        private final Instant simulatedOrigin;
        private final long factor;

        Scaled(Clock real, Instant realOrigin, Instant simulatedOrigin, long factor) {
            this.real = real;
            this.realOrigin = realOrigin;
            this.simulatedOrigin = simulatedOrigin;
            this.factor = factor;
        }

        @Override
        public Instant instant() {
            Duration elapsed = Duration.between(realOrigin, real.instant());
            return simulatedOrigin.plus(elapsed.multipliedBy(factor));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a scaled clock is UTC only");
        }
    }
}
