package fr.relais.kiosk.ui;

import fr.relais.kiosk.shots.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdleWatchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final AtomicInteger fired = new AtomicInteger();
    private final IdleWatch watch = new IdleWatch(clock, TIMEOUT, fired::incrementAndGet);

    @Test
    void doesNothingBeforeAnyoneTouchesTheKiosk() {
        clock.advance(TIMEOUT.multipliedBy(10));
        watch.tick();

        assertThat(fired).hasValue(0);
    }

    @Test
    void firesOnceTheTimeoutHasPassedSinceTheLastInput() {
        watch.activity();
        clock.advance(TIMEOUT.minusMillis(1));
        watch.tick();
        assertThat(fired).hasValue(0);

        clock.advance(Duration.ofMillis(1));
        watch.tick();
        assertThat(fired).hasValue(1);
    }

    @Test
    void firesOnlyOncePerPeriodOfUse() {
        watch.activity();
        clock.advance(TIMEOUT);
        watch.tick();
        clock.advance(TIMEOUT);
        watch.tick();
        assertThat(fired).hasValue(1);

        watch.activity();
        clock.advance(TIMEOUT);
        watch.tick();
        assertThat(fired).hasValue(2);
    }

    @Test
    void inputPostponesTheTimeout() {
        watch.activity();
        clock.advance(TIMEOUT.minusSeconds(1));
        watch.activity();
        clock.advance(TIMEOUT.minusSeconds(1));
        watch.tick();

        assertThat(fired).hasValue(0);
    }
}
