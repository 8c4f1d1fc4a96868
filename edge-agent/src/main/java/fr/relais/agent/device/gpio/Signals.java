package fr.relais.agent.device.gpio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * Plays {@link SignalPattern}s on a status LED and a buzzer (either may be absent), on the
 * runtime's timer thread. A new pattern cuts the one playing; a repeating one (offline) stays in
 * the background and comes back when a one-off pattern ends.
 */
final class Signals {
    private final Optional<OutputLine> led;
    private final Optional<OutputLine> buzzer;
    private final Timers timers;
    private final List<ScheduledFuture<?>> pending = new ArrayList<>();
    private SignalPattern background = SignalPattern.IDLE;
    private long generation;

    Signals(Optional<OutputLine> led, Optional<OutputLine> buzzer, Timers timers) {
        this.led = led;
        this.buzzer = buzzer;
        this.timers = timers;
    }

    /** Whether there is anything to signal with. */
    boolean wired() {
        return led.isPresent() || buzzer.isPresent();
    }

    synchronized void play(SignalPattern pattern) {
        if (pattern.repeats() || pattern == SignalPattern.IDLE) {
            background = pattern;
        }
        run(pattern);
    }

    /** The repeating pattern in the background, or idle. */
    synchronized SignalPattern background() {
        return background;
    }

    private void run(SignalPattern pattern) {
        long run = ++generation;
        cancelPending();
        allOff();
        if (pattern == SignalPattern.IDLE) {
            return;
        }
        Duration end = script(led, pattern.led(), run);
        Duration buzzerEnd = script(buzzer, pattern.buzzer(), run);
        if (buzzerEnd.compareTo(end) > 0) {
            end = buzzerEnd;
        }
        if (end.isZero()) {
            // Nothing to play on the lines this device has (a slow blink with no LED): no endless loop.
            return;
        }
        timers.after(end, "end of signal " + pattern.wire(), () -> finished(run, pattern)).ifPresent(pending::add);
    }

    private Duration script(Optional<OutputLine> line, List<SignalPattern.Step> steps, long run) {
        Duration at = Duration.ZERO;
        if (line.isEmpty()) {
            return at;
        }
        for (SignalPattern.Step step : steps) {
            timers.after(at, "signal step", () -> apply(run, line.get(), step.on())).ifPresent(pending::add);
            at = at.plus(step.length());
        }
        timers.after(at, "signal step", () -> apply(run, line.get(), false)).ifPresent(pending::add);
        return at;
    }

    private synchronized void apply(long run, OutputLine line, boolean on) {
        if (run == generation) {
            line.set(on);
        }
    }

    private synchronized void finished(long run, SignalPattern pattern) {
        if (run != generation) {
            return;
        }
        if (pattern.repeats()) {
            run(pattern);
        } else if (background.repeats()) {
            run(background);
        } else {
            pending.clear();
        }
    }

    private void cancelPending() {
        pending.forEach(task -> task.cancel(false));
        pending.clear();
    }

    private void allOff() {
        led.ifPresent(line -> line.set(false));
        buzzer.ifPresent(line -> line.set(false));
    }

    /** Stops everything and leaves both lines off. */
    synchronized void stop() {
        generation++;
        background = SignalPattern.IDLE;
        cancelPending();
        allOff();
    }
}
