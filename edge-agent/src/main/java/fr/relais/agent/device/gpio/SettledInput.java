package fr.relais.agent.device.gpio;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * An input whose changes count only once the new level has held for {@code settle}: the bounces
 * of a reed contact, a button, the legs of someone crossing a beam, a PIR module's glitches are
 * ignored. Each settled change says since when (the clock's time) the line has been away from its
 * previous level: the edge after its last return to that level, so the order of two lines' changes
 * survives the settling delay, and depends on the edges alone, not on when the timer thread ran.
 * With a zero settle every edge counts at once, on the thread that saw it.
 */
final class SettledInput {
    @FunctionalInterface
    interface Listener {
        void settled(boolean active, Instant since);
    }

    private final InputLine line;
    private final Duration settle;
    private final Clock clock;
    private final Timers timers;
    private volatile boolean level;
    private Listener listener = (active, since) -> { };
    private boolean latest;
    private Instant departedAt;
    private Optional<ScheduledFuture<?>> check = Optional.empty();

    SettledInput(InputLine line, Duration settle, Clock clock, Timers timers) {
        this.line = line;
        this.settle = settle;
        this.clock = clock;
        this.timers = timers;
    }

    /** Reads the line's level now and reports its settled changes from then on. */
    synchronized void start(Listener listener) {
        this.listener = listener;
        level = line.active();
        latest = level;
        line.listen(this::edge);
    }

    /** The settled level (not a read of the line; the device's lock may be held by the caller). */
    boolean active() {
        return level;
    }

    Pin pin() {
        return line.pin();
    }

    private void edge(boolean active) {
        synchronized (this) {
            latest = active;
            if (active == level) {
                departedAt = null;
            } else if (departedAt == null) {
                departedAt = clock.instant();
            }
            if (!settle.isZero()) {
                Timers.cancel(check);
                check = timers.after(settle, "settling " + line.pin(), this::settleNow);
                return;
            }
        }
        settleNow();
    }

    /** The listener is told outside this lock: it pushes, and a push may block. */
    private void settleNow() {
        Listener told;
        boolean now;
        Instant since;
        synchronized (this) {
            since = departedAt;
            departedAt = null;
            if (latest == level) {
                return;
            }
            level = latest;
            now = latest;
            told = listener;
        }
        told.settled(now, since);
    }

    synchronized void stop() {
        Timers.cancel(check);
        listener = (active, since) -> { };
    }
}
