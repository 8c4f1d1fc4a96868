package fr.relais.protocol.access;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Weekly hours in the place's local time: on {@code days}, from {@code from} (inclusive) to
 * {@code until} (exclusive), on the same day (a window across midnight is two windows), in whole
 * minutes; {@code until} midnight means the end of the day.
 */
public record AccessWindow(Set<DayOfWeek> days, LocalTime from, LocalTime until) {
    public AccessWindow {
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a window needs at least one day");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (from.getSecond() != 0 || from.getNano() != 0 || until.getSecond() != 0 || until.getNano() != 0) {
            // The list says HH:mm: a second here would be lost on the way to the door.
            throw new IllegalArgumentException("a window starts and ends on a whole minute (" + from + "-" + until + ")");
        }
        if (!until.isAfter(from) && !until.equals(LocalTime.MIDNIGHT)) {
            throw new IllegalArgumentException("a window ends after it starts (" + from + "-" + until + ")");
        }
    }
}
