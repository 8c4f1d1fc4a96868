package fr.relais.hub.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand. */
public final class MutableClock extends Clock {
    private volatile long millis;

    public MutableClock(Instant start) {
        this.millis = start.toEpochMilli();
    }

    public void advance(Duration duration) {
        millis += duration.toMillis();
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /**
     * The same hand-moved time seen in {@code zone}. Returning this clock itself, in UTC, made
     * {@code LocalDate.now(clock.withZone(PARIS))} the day before Paris's between midnight and one
     * in the morning, and a test of today's bookings failed at that hour.
     */
    @Override
    public Clock withZone(ZoneId zone) {
        MutableClock moved = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return moved.withZone(other);
            }

            @Override
            public long millis() {
                return moved.millis();
            }

            @Override
            public Instant instant() {
                return moved.instant();
            }
        };
    }
}
