package fr.relais.hub.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The live events' times are written exactly as Instant.toString wrote them before. */
class LiveTimeTest {
    @Test
    void writesWhatInstantToStringWrites() {
        List<Long> edges = List.of(0L, 1L, -1L, 999L, 1000L, 86_399_999L, 86_400_000L,
                Instant.parse("2026-12-06T10:00:00Z").toEpochMilli(), Instant.parse("2024-02-29T23:59:59.999Z")
                        .toEpochMilli(), Instant.parse("0000-01-01T00:00:00Z").toEpochMilli(),
                Instant.parse("0000-01-01T00:00:00Z").toEpochMilli() - 1, Instant.parse("9999-12-31T23:59:59.999Z")
                        .toEpochMilli(), Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli() + 1,
                Long.MIN_VALUE / 1000, Long.MAX_VALUE / 1000);
        for (long millis : edges) {
            assertThat(LiveTime.iso(millis)).as("%d", millis).isEqualTo(Instant.ofEpochMilli(millis).toString());
        }
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < 200_000; i++) {
            long millis = random.nextLong(-62_200_000_000_000L, 253_500_000_000_000L);
            if (i % 3 == 0) {
                millis -= Math.floorMod(millis, 1000); // whole seconds: no fraction written
            }
            assertThat(LiveTime.iso(millis)).as("%d", millis).isEqualTo(Instant.ofEpochMilli(millis).toString());
        }
    }
}
