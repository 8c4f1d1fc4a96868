package fr.relais.agent.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimeScaleTest {
    /** A real clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-12-06T13:00:00Z");

        @Override
        public Instant instant() {
            return now;
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

    @Test
    void simulatedTimeStartsAtTheStartAndRunsFactorTimesFaster() {
        HandClock real = new HandClock();
        Instant tuesday = Instant.parse("2026-11-30T23:00:00Z");
        Clock simulated = new TimeScale(288, Optional.of(tuesday)).clock(real);
        assertThat(simulated.instant()).isEqualTo(tuesday);
        real.now = real.now.plusSeconds(300);
        assertThat(simulated.instant()).isEqualTo(tuesday.plus(Duration.ofHours(24)));
    }

    @Test
    void withoutAStartItStartsNow() {
        HandClock real = new HandClock();
        Instant start = real.now;
        Clock simulated = new TimeScale(60, Optional.empty()).clock(real);
        real.now = real.now.plusSeconds(1);
        assertThat(simulated.instant()).isEqualTo(start.plusSeconds(60));
    }

    @Test
    void intervalsShrinkButNeverUnderAMillisecond() {
        TimeScale scale = new TimeScale(288, Optional.empty());
        assertThat(scale.compress(Duration.ofSeconds(60))).isEqualTo(Duration.ofNanos(60_000_000_000L / 288));
        assertThat(new TimeScale(10_000, Optional.empty()).compress(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void refusesAScaleOutOfRange() {
        assertThatThrownBy(() -> new TimeScale(1, Optional.empty())).hasMessageContaining("between 2 and 10000");
        assertThatThrownBy(() -> new TimeScale(10_001, Optional.empty())).hasMessageContaining("between 2 and 10000");
    }
}
