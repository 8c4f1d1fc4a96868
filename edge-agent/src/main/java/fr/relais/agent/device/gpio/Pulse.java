package fr.relais.agent.device.gpio;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * An output switched on for a while, such as a door strike: a new pulse while one runs extends
 * it. The end is scheduled before the line goes on, so a runtime that is closing never leaves a
 * strike released with nobody to lock it again.
 */
final class Pulse {
    private final OutputLine line;
    private final Timers timers;
    private Optional<ScheduledFuture<?>> end = Optional.empty();
    private long current;

    Pulse(OutputLine line, Timers timers) {
        this.line = line;
        this.timers = timers;
    }

    /** Switches the line on for {@code length}; false if the runtime is closing (it stays off). */
    synchronized boolean start(Duration length) {
        long pulse = ++current;
        Timers.cancel(end);
        end = timers.after(length, "end of pulse on " + line.pin(), () -> finish(pulse));
        if (end.isEmpty()) {
            line.set(false);
            return false;
        }
        line.set(true);
        return true;
    }

    private synchronized void finish(long pulse) {
        if (pulse == current) {
            line.set(false);
        }
    }

    synchronized void stop() {
        current++;
        Timers.cancel(end);
        line.set(false);
    }

    boolean active() {
        return line.isOn();
    }
}
