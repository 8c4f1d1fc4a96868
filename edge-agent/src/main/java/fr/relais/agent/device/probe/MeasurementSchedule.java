package fr.relais.agent.device.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When the next full measurement (the throughput test and its {@code probe-measurement} event) is
 * due: once every {@code every}, the first one after a random part of that period, so that the
 * nodes of a territory, all restarted by the same update, do not all load the network at once.
 * A due measurement that had to wait (the outbox replaying a backlog) is taken at the first poll
 * that may, and the period starts again from there.
 */
final class MeasurementSchedule {
    private final Duration every;
    private final DoubleSupplier random;
    private Instant next;

    /** @param random gives a fraction in [0, 1) of the period for the first delay */
    MeasurementSchedule(Duration every, DoubleSupplier random) {
        this.every = every;
        this.random = random;
    }

    synchronized boolean due(Instant now) {
        if (next == null) {
            double fraction = Math.min(Math.max(random.getAsDouble(), 0), 1);
            next = now.plusMillis((long) (every.toMillis() * fraction));
        }
        return !now.isBefore(next);
    }

    synchronized void done(Instant now) {
        next = now.plus(every);
    }

    synchronized Instant next() {
        return next;
    }
}
