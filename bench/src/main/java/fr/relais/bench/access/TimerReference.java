package fr.relais.bench.access;

import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The reference measured in the same run: how late a plain scheduled task runs in this JVM while
 * the doors work. A reader's frame ends on such a timer, so this is the floor under the doors'
 * latency on the day's machine; a tail the reference shares is the machine's, not the door's.
 */
final class TimerReference {
    private final ScheduledExecutorService timer;
    private long[] lateness = new long[1024];
    private int count;
    private volatile boolean stopped;

    private TimerReference(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static TimerReference start(long delayMillis) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "timer-reference");
            thread.setDaemon(true);
            return thread;
        });
        TimerReference reference = new TimerReference(timer);
        reference.schedule(delayMillis);
        return reference;
    }

    private void schedule(long delayMillis) {
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
        timer.schedule(() -> {
            record(System.nanoTime() - due);
            if (!stopped) {
                schedule(delayMillis);
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    private synchronized void record(long late) {
        if (count == lateness.length) {
            lateness = Arrays.copyOf(lateness, count * 2);
        }
        lateness[count++] = Math.max(0, late);
    }

    /** Stops and returns the lateness of every run, in nanoseconds. */
    long[] stop() {
        stopped = true;
        timer.shutdownNow();
        synchronized (this) {
            return Arrays.copyOf(lateness, count);
        }
    }
}
