package fr.relais.kiosk.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Notices when nobody has touched the kiosk for a while, so the next visitor never sees what
 * the previous one typed. Time comes from an injected {@link Clock}: tests move it forward
 * instead of waiting. Not thread-safe: used on the JavaFX thread only.
 */
final class IdleWatch {

    private final Clock clock;
    private final Duration timeout;
    private final Runnable onIdle;
    private Instant lastActivity;
    /** Fires once per period of use, not again every tick while the kiosk stays untouched. */
    private boolean armed;

    IdleWatch(Clock clock, Duration timeout, Runnable onIdle) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.onIdle = Objects.requireNonNull(onIdle, "onIdle");
        this.lastActivity = clock.instant();
    }

    void activity() {
        lastActivity = clock.instant();
        armed = true;
    }

    /** Called periodically; runs the idle action if the timeout has passed since the last input. */
    void tick() {
        if (armed && !clock.instant().isBefore(lastActivity.plus(timeout))) {
            armed = false;
            onIdle.run();
        }
    }
}
