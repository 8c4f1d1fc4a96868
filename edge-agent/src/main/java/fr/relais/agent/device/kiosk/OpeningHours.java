package fr.relais.agent.device.kiosk;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A place's weekly opening hours in its own time zone, such as Monday
 * {@code 09:00-12:00,14:00-18:00}. A day that is not listed is closed. Hours are wall-clock
 * times: on the night the clocks change, 09:00 is still 09:00.
 */
public record OpeningHours(Map<DayOfWeek, List<Range>> days, ZoneId zone) {
    private static final Pattern RANGE = Pattern.compile("(\\d{1,2}:\\d{2})-(\\d{1,2}:\\d{2})");
    /** Written as the end of a range that lasts until midnight. */
    private static final String END_OF_DAY = "24:00";

    /** From {@code start} to {@code end}; {@code untilMidnight} when it was written {@code -24:00}. */
    public record Range(LocalTime start, LocalTime end, boolean untilMidnight) {
    }

    public OpeningHours {
        Map<DayOfWeek, List<Range>> copy = new EnumMap<>(DayOfWeek.class);
        days.forEach((day, ranges) -> copy.put(day, List.copyOf(ranges)));
        days = java.util.Collections.unmodifiableMap(copy);
        Objects.requireNonNull(zone, "zone");
    }

    /**
     * The ranges of one day as written, such as {@code 09:00-12:00,14:00-18:00}; empty or
     * {@code closed} for a closed day.
     *
     * @throws IllegalArgumentException saying what is wrong, for the configuration's error
     */
    public static List<Range> parseDay(String text) {
        String trimmed = text.strip();
        List<Range> ranges = new ArrayList<>();
        if (trimmed.isEmpty() || trimmed.equals("closed")) {
            return ranges;
        }
        for (String part : trimmed.split(",", -1)) {
            Matcher matcher = RANGE.matcher(part.strip());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not a range such as 09:00-12:00"
                        + " (write the day as 09:00-12:00,14:00-18:00, or closed)");
            }
            LocalTime start = time(matcher.group(1), false);
            boolean untilMidnight = matcher.group(2).equals(END_OF_DAY);
            LocalTime end = untilMidnight ? LocalTime.MAX : time(matcher.group(2), true);
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("'" + part.strip() + "' ends before it starts (a range cannot"
                        + " pass midnight: end it at 24:00 and start the next day at 00:00)");
            }
            if (!ranges.isEmpty() && !start.isAfter(ranges.get(ranges.size() - 1).end())) {
                throw new IllegalArgumentException("'" + part.strip() + "' overlaps or precedes the range before it");
            }
            ranges.add(new Range(start, end, untilMidnight));
        }
        return ranges;
    }

    private static LocalTime time(String text, boolean isEnd) {
        try {
            return LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time of day (00:00 to 23:59"
                    + (isEnd ? ", or 24:00" : "") + ")");
        }
    }

    /** Whether the place is open at {@code now}, counting {@code margin} before opening and after closing. */
    public boolean isOpen(Instant now, Duration margin) {
        LocalDate today = now.atZone(zone).toLocalDate();
        // With a margin, yesterday's late range or tomorrow's early one may cover now.
        for (LocalDate date = today.minusDays(1); !date.isAfter(today.plusDays(1)); date = date.plusDays(1)) {
            for (Range range : days.getOrDefault(date.getDayOfWeek(), List.of())) {
                Instant opens = date.atTime(range.start()).atZone(zone).toInstant().minus(margin);
                Instant closes = (range.untilMidnight() ? date.plusDays(1).atStartOfDay(zone).toInstant()
                        : date.atTime(range.end()).atZone(zone).toInstant()).plus(margin);
                if (!now.isBefore(opens) && now.isBefore(closes)) {
                    return true;
                }
            }
        }
        return false;
    }
}
