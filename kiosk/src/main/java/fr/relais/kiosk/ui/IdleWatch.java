package fr.relais.kiosk.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Notices when nobody has touched the kiosk for a while, so the next visitor never sees what
 * the previous one typed; a while before, it warns, so a slow reader is asked "Êtes-vous toujours
 * là ?" instead of losing the screen. Time comes from an injected {@link Clock}: tests move it
 * forward instead of waiting. Not thread-safe: used on the JavaFX thread only.
 */
final class IdleWatch {

    private final Clock clock;
    private final Duration timeout;
    private final Duration warnBefore;
    private final Runnable onWarn;
    private final Runnable onIdle;
    private Instant lastActivity;
    /** Fires once per period of use, not again every tick while the kiosk stays untouched. */
    private boolean armed;
    private boolean warned;

    IdleWatch(Clock clock, Duration timeout, Runnable onIdle) {
        this(clock, timeout, Duration.ZERO, () -> { }, onIdle);
    }

    /** @param warnBefore how long before the wipe {@code onWarn} runs (zero: no warning) */
    IdleWatch(Clock clock, Duration timeout, Duration warnBefore, Runnable onWarn, Runnable onIdle) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.warnBefore = Objects.requireNonNull(warnBefore, "warnBefore");
        this.onWarn = Objects.requireNonNull(onWarn, "onWarn");
        this.onIdle = Objects.requireNonNull(onIdle, "onIdle");
        this.lastActivity = clock.instant();
    }

    /** However short the timeout, "Êtes-vous toujours là ?" gives the visitor this long to answer. */
    static final Duration MIN_WARNING = Duration.ofSeconds(20);

    /**
     * The warning's length for a timeout: 30 s, or half the timeout when it is under a minute, and never
     * under {@link #MIN_WARNING} (the configuration refuses timeouts under 40 s, so the prompt never comes
     * at the first touch), nor longer than the timeout itself.
     */
    static Duration warningFor(Duration timeout) {
        Duration thirty = Duration.ofSeconds(30);
        Duration warning = timeout.compareTo(Duration.ofSeconds(60)) >= 0 ? thirty : timeout.dividedBy(2);
        if (warning.compareTo(MIN_WARNING) < 0) {
            warning = MIN_WARNING;
        }
        return warning.compareTo(timeout) > 0 ? timeout : warning;
    }

    void activity() {
        lastActivity = clock.instant();
        armed = true;
        warned = false;
    }

    boolean warned() {
        return warned;
    }

    /** Time left before the wipe (never negative). */
    Duration remaining() {
        Duration left = Duration.between(clock.instant(), lastActivity.plus(timeout));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Called periodically; warns, then runs the idle action once the timeout has passed since the last input. */
    void tick() {
        if (!armed) {
            return;
        }
        Instant deadline = lastActivity.plus(timeout);
        Instant now = clock.instant();
        if (!now.isBefore(deadline)) {
            armed = false;
            warned = false;
            onIdle.run();
        } else if (!warned && !warnBefore.isZero() && !now.isBefore(deadline.minus(warnBefore))) {
            warned = true;
            onWarn.run();
        }
    }
}
