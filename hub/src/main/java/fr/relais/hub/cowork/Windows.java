package fr.relais.hub.cowork;

import fr.relais.protocol.access.AccessWindow;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A plan's weekly windows as the API and the database write them, the access lists' own form:
 * {@code {"days":["mon","fri"],"from":"08:00","until":"19:30"}}, {@code 24:00} for the end of a day.
 */
final class Windows {
    static final int MAX = 32;

    private Windows() {
    }

    /** Reads windows; a mistake names the field ({@code windows[1].until}). */
    static List<AccessWindow> read(Object value, String field) throws CoworkBody.Invalid {
        if (!(value instanceof JsonArray array)) {
            throw new CoworkBody.Invalid(field + " must be a list of {days, from, until}");
        }
        if (array.size() > MAX) {
            throw new CoworkBody.Invalid(field + " holds at most " + MAX + " windows");
        }
        List<AccessWindow> windows = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = field + "[" + i + "]";
            if (!(array.getValue(i) instanceof JsonObject window)) {
                throw new CoworkBody.Invalid(at + " must be an object {days, from, until}");
            }
            for (String name : window.fieldNames()) {
                if (!Set.of("days", "from", "until").contains(name)) {
                    throw new CoworkBody.Invalid(at + ": unknown field '" + name + "'; expected days, from, until");
                }
            }
            Set<DayOfWeek> days = days(window.getValue("days"), at + ".days");
            LocalTime from = time(window.getValue("from"), at + ".from", false);
            LocalTime until = time(window.getValue("until"), at + ".until", true);
            try {
                windows.add(new AccessWindow(days, from, until));
            } catch (IllegalArgumentException e) {
                throw new CoworkBody.Invalid(at + ": " + e.getMessage());
            }
        }
        return windows;
    }

    static JsonArray write(List<AccessWindow> windows) {
        JsonArray array = new JsonArray();
        for (AccessWindow window : windows) {
            JsonArray days = new JsonArray();
            for (DayOfWeek day : DayOfWeek.values()) {
                if (window.days().contains(day)) {
                    days.add(day.name().substring(0, 3).toLowerCase(Locale.ROOT));
                }
            }
            array.add(new JsonObject().put("days", days).put("from", window.from().toString())
                    .put("until", window.until().equals(LocalTime.MIDNIGHT) ? "24:00" : window.until().toString()));
        }
        return array;
    }

    /** The windows column, written by this class: a failure is a broken database. */
    static List<AccessWindow> fromColumn(String json) {
        try {
            return read(new JsonArray(json), "windows");
        } catch (CoworkBody.Invalid e) {
            throw new IllegalStateException("stored windows are unreadable: " + e.getMessage(), e);
        }
    }

    private static Set<DayOfWeek> days(Object value, String field) throws CoworkBody.Invalid {
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw new CoworkBody.Invalid(field + " must be a non-empty list of mon, tue, wed, thu, fri, sat, sun");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (Object day : array) {
            DayOfWeek found = null;
            for (DayOfWeek candidate : DayOfWeek.values()) {
                if (candidate.name().substring(0, 3).toLowerCase(Locale.ROOT).equals(day)) {
                    found = candidate;
                }
            }
            if (found == null || !days.add(found)) {
                throw new CoworkBody.Invalid(field + " must list mon, tue, wed, thu, fri, sat, sun, each once; got '"
                        + day + "'");
            }
        }
        return days;
    }

    private static LocalTime time(Object value, String field, boolean end) throws CoworkBody.Invalid {
        if (!(value instanceof String text) || !text.matches("\\d\\d:\\d\\d")) {
            throw new CoworkBody.Invalid(field + " must be a local time HH:mm" + (end ? " (24:00 for the end of the day)"
                    : ""));
        }
        if (end && text.equals("24:00")) {
            return LocalTime.MIDNIGHT;
        }
        if (end && text.equals("00:00")) {
            throw new CoworkBody.Invalid(field + ": 00:00 as an end is ambiguous, write 24:00");
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new CoworkBody.Invalid(field + " must be a local time HH:mm, got '" + text + "'");
        }
    }
}
