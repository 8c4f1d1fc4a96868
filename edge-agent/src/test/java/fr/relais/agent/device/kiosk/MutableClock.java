package fr.relais.agent.device.kiosk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand, given to the driver as its context's clock. */
public final class MutableClock extends Clock {
    private volatile long millis;

    public MutableClock(Instant start) {
        this.millis = start.toEpochMilli();
    }

    public void advance(Duration duration) {
        millis += duration.toMillis();
    }

    public void set(Instant instant) {
        millis = instant.toEpochMilli();
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

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
