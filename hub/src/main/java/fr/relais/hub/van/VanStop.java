package fr.relais.hub.van;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;

/**
 * A recurring stop of the van: the {@code ordinal} {@code weekday} of every month (1 to 4, or -1
 * for the last), from {@code start} to {@code end} local time, at {@code place} in a commune.
 */
public record VanStop(String id, String communeId, String place, DayOfWeek weekday, int ordinal, LocalTime start,
                      LocalTime end, LocalDate validFrom, LocalDate validUntil, String note) {
    public VanStop {
        if (ordinal != -1 && (ordinal < 1 || ordinal > 4)) {
            throw new IllegalArgumentException("ordinal must be 1 to 4, or -1 for the last");
        }
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("end must be after start");
        }
    }

    /** The day of that month the stop falls on (whether or not it is valid then). */
    public LocalDate dayIn(YearMonth month) {
        LocalDate first = month.atDay(1);
        return ordinal == -1 ? first.with(TemporalAdjusters.lastInMonth(weekday))
                : first.with(TemporalAdjusters.dayOfWeekInMonth(ordinal, weekday));
    }

    public boolean validOn(LocalDate day) {
        return !day.isBefore(validFrom) && (validUntil == null || !day.isAfter(validUntil));
    }

    /** The iCalendar BYDAY of the stop: {@code 1TU}, {@code -1FR}. */
    public String byDay() {
        return ordinal + weekday.name().substring(0, 2);
    }
}
