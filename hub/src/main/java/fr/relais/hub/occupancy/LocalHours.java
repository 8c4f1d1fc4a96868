package fr.relais.hub.occupancy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The places' local time (Europe/Paris) of an instant, as occupancy is grouped: the local day, the
 * local hour (0-23) and the weekday (1 = Monday … 7 = Sunday), with the UTC hour it falls in. Paris
 * is a whole number of hours off UTC, so a UTC hour is exactly one local hour: on the 23-hour day of
 * March, 02:00 never occurs; on the 25-hour day of October, 02:00 occurs twice, as two UTC hours
 * (two rows of {@code occupancy_hour}, both at local hour 2).
 */
public final class LocalHours {
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    static final long HOUR_MILLIS = 3_600_000L;

    /** Where an instant falls. {@code bucketStart}: the start of its UTC hour, in ms. */
    public record Slot(long bucketStart, LocalDate day, int hour, int weekday) {
        public String month() {
            return day.toString().substring(0, 7);
        }
    }

    private LocalHours() {
    }

    public static Slot of(long epochMillis) {
        long bucket = Math.floorDiv(epochMillis, HOUR_MILLIS) * HOUR_MILLIS;
        ZonedDateTime local = Instant.ofEpochMilli(bucket).atZone(ZONE);
        return new Slot(bucket, local.toLocalDate(), local.getHour(), local.getDayOfWeek().getValue());
    }

    /** How many hours the local day has: 24, 23 on the last Sunday of March, 25 on the last Sunday of October. */
    public static long hoursIn(LocalDate day) {
        return ChronoUnit.HOURS.between(day.atStartOfDay(ZONE), day.plusDays(1).atStartOfDay(ZONE));
    }

    /** How many Mondays, Tuesdays… (keys 1 to 7, all present) the days from {@code from} to {@code to} hold, both included. */
    public static Map<Integer, Long> weekdays(LocalDate from, LocalDate to) {
        long days = to.isBefore(from) ? 0 : ChronoUnit.DAYS.between(from, to) + 1;
        Map<Integer, Long> counts = new LinkedHashMap<>();
        for (DayOfWeek weekday : DayOfWeek.values()) {
            // The first of this weekday on or after from, then one every 7 days.
            long offset = Math.floorMod(weekday.getValue() - from.getDayOfWeek().getValue(), 7);
            counts.put(weekday.getValue(), days > offset ? (days - offset + 6) / 7 : 0);
        }
        return counts;
    }
}
