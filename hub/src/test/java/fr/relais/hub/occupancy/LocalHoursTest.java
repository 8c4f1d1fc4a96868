package fr.relais.hub.occupancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Local days, hours and weekdays of Europe/Paris, the 23- and 25-hour days included. */
class LocalHoursTest {
    private static final long HOUR = 3_600_000L;

    @Test
    void aWinterInstantIsOneHourAheadOfUtcAndItsBucketIsTheUtcHour() {
        LocalHours.Slot slot = LocalHours.of(Instant.parse("2026-12-01T08:59:59.999Z").toEpochMilli());

        assertThat(slot.day()).isEqualTo(LocalDate.parse("2026-12-01"));
        assertThat(slot.hour()).isEqualTo(9);
        assertThat(slot.weekday()).as("a Tuesday").isEqualTo(2);
        assertThat(slot.bucketStart()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z").toEpochMilli());
        assertThat(slot.month()).isEqualTo("2026-12");
    }

    @Test
    void lateEveningUtcIsAlreadyTheNextLocalDay() {
        LocalHours.Slot slot = LocalHours.of(Instant.parse("2026-12-06T23:30:00Z").toEpochMilli());

        assertThat(slot.day()).isEqualTo(LocalDate.parse("2026-12-07"));
        assertThat(slot.hour()).isZero();
        assertThat(slot.weekday()).as("a Monday, not Sunday the 6th").isEqualTo(1);
        // New Year's Eve: the month turns with the local day.
        assertThat(LocalHours.of(Instant.parse("2026-12-31T23:15:00Z").toEpochMilli()).month()).isEqualTo("2027-01");
    }

    @Test
    void theSpringDayHas23HoursAndNoTwoOClock() {
        LocalDate day = LocalDate.parse("2026-03-29");

        assertThat(LocalHours.hoursIn(day)).isEqualTo(23);
        assertThat(hoursOf(day)).hasSize(23).doesNotContain(2).containsSequence(0, 1, 3, 4).endsWith(23);
    }

    @Test
    void theAutumnDayHas25HoursAndTwoOClockTwiceInTwoBuckets() {
        LocalDate day = LocalDate.parse("2026-10-25");

        assertThat(LocalHours.hoursIn(day)).isEqualTo(25);
        assertThat(hoursOf(day)).hasSize(25).containsSequence(0, 1, 2, 2, 3).endsWith(23);
        LocalHours.Slot summer = LocalHours.of(Instant.parse("2026-10-25T00:30:00Z").toEpochMilli());
        LocalHours.Slot winter = LocalHours.of(Instant.parse("2026-10-25T01:30:00Z").toEpochMilli());
        assertThat(summer.hour()).isEqualTo(2);
        assertThat(winter.hour()).isEqualTo(2);
        assertThat(summer.bucketStart()).isNotEqualTo(winter.bucketStart());
        assertThat(LocalHours.hoursIn(LocalDate.parse("2026-10-26"))).isEqualTo(24);
    }

    @Test
    void countsEachWeekdayOfAPeriod() {
        // Monday 9 November to Sunday 6 December 2026: four of each.
        assertThat(LocalHours.weekdays(LocalDate.parse("2026-11-09"), LocalDate.parse("2026-12-06")))
                .containsExactly(entry(1, 4), entry(2, 4), entry(3, 4), entry(4, 4), entry(5, 4), entry(6, 4),
                        entry(7, 4));
        // Sunday 6 December to Tuesday 15 December: two Sundays, Mondays and Tuesdays.
        assertThat(LocalHours.weekdays(LocalDate.parse("2026-12-06"), LocalDate.parse("2026-12-15")))
                .containsExactly(entry(1, 2), entry(2, 2), entry(3, 1), entry(4, 1), entry(5, 1), entry(6, 1),
                        entry(7, 2));
        assertThat(LocalHours.weekdays(LocalDate.parse("2026-12-03"), LocalDate.parse("2026-12-03")))
                .as("one Thursday").containsEntry(4, 1L).containsEntry(3, 0L).containsEntry(5, 0L);
        assertThat(LocalHours.weekdays(LocalDate.parse("2026-12-03"), LocalDate.parse("2026-12-01")).values())
                .as("an empty period").containsOnly(0L);
    }

    private static java.util.Map.Entry<Integer, Long> entry(int weekday, long count) {
        return java.util.Map.entry(weekday, count);
    }

    /** The local hours of a day's UTC hours, in order. */
    private static List<Integer> hoursOf(LocalDate day) {
        long start = day.atStartOfDay(LocalHours.ZONE).toInstant().toEpochMilli();
        long end = day.plusDays(1).atStartOfDay(LocalHours.ZONE).toInstant().toEpochMilli();
        List<Integer> hours = new ArrayList<>();
        for (long at = start; at < end; at += HOUR) {
            LocalHours.Slot slot = LocalHours.of(at);
            assertThat(slot.day()).isEqualTo(day);
            hours.add(slot.hour());
        }
        return hours;
    }
}
