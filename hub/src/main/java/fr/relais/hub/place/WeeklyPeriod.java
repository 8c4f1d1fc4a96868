package fr.relais.hub.place;

import java.time.DayOfWeek;
import java.time.LocalTime;

/** A weekly opening period, local time; several a day are allowed. */
public record WeeklyPeriod(DayOfWeek day, LocalTime opens, LocalTime closes) {
    public WeeklyPeriod {
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("closes must be after opens");
        }
    }
}
