package fr.relais.agent.device.gpio;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's shared timer thread as the GPIO drivers use it: a task that throws is logged
 * (a periodic one would otherwise stop for good, silently), and a runtime that is closing refuses
 * new tasks without an exception.
 */
final class Timers {
    private static final Logger LOG = LoggerFactory.getLogger(Timers.class);

    private final ScheduledExecutorService timers;

    Timers(ScheduledExecutorService timers) {
        this.timers = timers;
    }

    /** Runs {@code task} once after {@code delay}; empty when the runtime is closing. */
    Optional<ScheduledFuture<?>> after(Duration delay, String what, Runnable task) {
        try {
            return Optional.of(timers.schedule(guarded(what, task), delay.toNanos(), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException closing) {
            return Optional.empty();
        }
    }

    /** Runs {@code task} every {@code period}; empty when the runtime is closing. */
    Optional<ScheduledFuture<?>> every(Duration period, String what, Runnable task) {
        try {
            return Optional.of(timers.scheduleWithFixedDelay(guarded(what, task), period.toNanos(), period.toNanos(),
                    TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException closing) {
            return Optional.empty();
        }
    }

    static void cancel(Optional<ScheduledFuture<?>> task) {
        task.ifPresent(future -> future.cancel(false));
    }

    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed", what, e);
            }
        };
    }
}
