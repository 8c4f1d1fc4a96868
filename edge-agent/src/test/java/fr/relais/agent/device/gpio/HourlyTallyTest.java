package fr.relais.agent.device.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HourlyTallyTest {
    private static Instant at(String time) {
        return Instant.parse("2026-03-02T" + time + "Z");
    }

    @Test
    void splitsAnOccupationAcrossTheHour() {
        HourlyTally tally = new HourlyTally(at("09:50:00"));
        tally.advance(at("10:20:00"), true);
        assertThat(tally.minutesLastHour()).isEqualTo(10.0);
        assertThat(tally.minutesThisHour()).isEqualTo(20.0);
    }

    @Test
    void aLongSilenceLeavesAWholeHourOrNothing() {
        HourlyTally tally = new HourlyTally(at("08:30:00"));
        tally.advance(at("11:15:00"), true);
        assertThat(tally.minutesLastHour()).isEqualTo(60.0);
        assertThat(tally.minutesThisHour()).isEqualTo(15.0);
        tally.advance(at("13:10:00"), false);
        assertThat(tally.minutesLastHour()).isEqualTo(0.0);
        assertThat(tally.minutesThisHour()).isEqualTo(0.0);
    }

    @Test
    void aClockSetBackCountsNothingTwice() {
        HourlyTally tally = new HourlyTally(at("10:10:00"));
        tally.advance(at("10:20:00"), true);
        tally.advance(at("10:15:00"), true);
        tally.advance(at("10:25:00"), true);
        assertThat(tally.minutesThisHour()).isEqualTo(20.0);
        tally.advance(at("11:00:01"), true);
        tally.advance(at("10:59:59"), true);
        assertThat(tally.minutesLastHour()).as("a call a moment late across the hour changes nothing").isEqualTo(55.0);
        assertThat(tally.minutesThisHour()).isEqualTo(0.0);
        tally.advance(Instant.parse("1970-01-01T00:01:00Z"), true);
        assertThat(tally.minutesThisHour()).as("an hour of its own, from nothing").isEqualTo(0.0);
    }
}
