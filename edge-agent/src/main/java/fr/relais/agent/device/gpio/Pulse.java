package fr.relais.agent.device.gpio;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output switched on for a while, such as a door strike: a new pulse while one runs extends
 * it. The end is scheduled before the line goes on, so a pulse that cannot be ended is never
 * started.
 *
 * <p>The end runs on a thread of the pulse's own that does nothing else: on the runtime's shared
 * timer thread, a tick or a Wiegand frame blocked on a full outbox would leave the strike
 * released. The thread is made at the first pulse and ends with {@link #stop}.
 */
final class Pulse {
    private static final Logger LOG = LoggerFactory.getLogger(Pulse.class);

    private final OutputLine line;
    private final ScheduledThreadPoolExecutor ends;
    private Optional<ScheduledFuture<?>> end = Optional.empty();
    private long current;

    private Pulse(OutputLine line, ScheduledThreadPoolExecutor ends) {
        this.line = line;
        this.ends = ends;
    }

    /** @param owner the device, for the thread's name */
    static Pulse onItsOwnThread(OutputLine line, String owner) {
        ScheduledThreadPoolExecutor ends = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "pulse-end-" + owner);
            thread.setDaemon(true);
            return thread;
        });
        ends.setRemoveOnCancelPolicy(true);
        ends.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return new Pulse(line, ends);
    }

    /** Switches the line on for {@code length}; false once stopped (it stays off). */
    synchronized boolean start(Duration length) {
        long pulse = ++current;
        end.ifPresent(future -> future.cancel(false));
        try {
            end = Optional.of(ends.schedule(() -> finish(pulse), length.toNanos(), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException stopped) {
            end = Optional.empty();
            line.set(false);
            return false;
        }
        line.set(true);
        return true;
    }

    private synchronized void finish(long pulse) {
        if (pulse == current) {
            try {
                line.set(false);
            } catch (RuntimeException e) {
                LOG.error("end of pulse on {} failed: the line may still be on", line.pin(), e);
            }
        }
    }

    /** Switches the line off for good and ends the thread. */
    synchronized void stop() {
        current++;
        end.ifPresent(future -> future.cancel(false));
        ends.shutdownNow();
        line.set(false);
    }

    boolean active() {
        return line.isOn();
    }
}
