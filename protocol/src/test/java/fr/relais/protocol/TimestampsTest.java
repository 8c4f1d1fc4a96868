package fr.relais.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
    @ParameterizedTest
    @ValueSource(strings = {"2026-11-28T09:30:00Z", "2026-11-28T09:30:00.100Z", "2026-11-28T09:30:00.010Z",
        "2026-11-28T09:30:00.001Z", "2026-11-28T09:30:00.999Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
        "2026-11-28T09:30:00.123456789Z", "2026-11-28T09:30:00.000001Z"})
    void writesWhatInstantToStringWrites(String text) {
        Instant instant = Instant.parse(text);
        assertThat(Timestamps.format(instant)).isEqualTo(instant.toString());
    }

    @Test
    void agreesWithInstantToStringOnManyInstants() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(2_000_000_000));
            assertThat(Timestamps.format(instant)).isEqualTo(instant.toString());
        }
    }
}
