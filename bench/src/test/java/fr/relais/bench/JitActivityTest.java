package fr.relais.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When the compilers count as quiet enough to measure a warm hub. */
class JitActivityTest {
    @Test
    void compilingFivePercentOfAPassOrLessIsQuiet() {
        long tenSeconds = TimeUnit.SECONDS.toNanos(10);
        assertThat(JitActivity.quiet(0, tenSeconds)).isTrue();
        assertThat(JitActivity.quiet(500, tenSeconds)).isTrue();
        assertThat(JitActivity.quiet(501, tenSeconds)).isFalse();
        assertThat(JitActivity.quiet(24_000, TimeUnit.SECONDS.toNanos(36))).isFalse();
    }

    @Test
    void compilersThatStopAreSeenQuietAndTheirLastWorkIsCounted() throws InterruptedException {
        AtomicLong compiled = new AtomicLong(1_000);
        // Busy on the first reading after the start, then nothing more.
        JitActivity jit = new JitActivity(() -> compiled.getAndUpdate(ms -> ms < 3_000 ? ms + 2_000 : ms));

        long settled = jit.awaitQuiet(TimeUnit.SECONDS.toNanos(30));

        assertThat(settled).isEqualTo(2_000);
    }
}
