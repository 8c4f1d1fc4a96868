package fr.relais.hub.demo;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;

/**
 * The French school holidays of zone B (the Aisne), approximately and the same every year: the
 * demo's visitors are fewer then. Good enough for a simulated history, never for a calendar.
 */
final class SchoolHolidays {
    private record Span(MonthDay from, MonthDay to) {
        boolean contains(MonthDay day) {
            return from.isBefore(to) ? !day.isBefore(from) && !day.isAfter(to) : !day.isBefore(from) || !day.isAfter(to);
        }
    }

    private static final List<Span> SPANS = List.of(
            span(10, 19, 11, 3),   // Toussaint
            span(12, 20, 1, 4),    // Noël, across the new year
            span(2, 8, 2, 23),     // hiver
            span(4, 5, 4, 21),     // printemps
            span(7, 5, 8, 31));    // été

    private SchoolHolidays() {
    }

    static boolean on(LocalDate day) {
        MonthDay monthDay = MonthDay.from(day);
        return SPANS.stream().anyMatch(span -> span.contains(monthDay));
    }

    private static Span span(int fromMonth, int fromDay, int toMonth, int toDay) {
        return new Span(MonthDay.of(fromMonth, fromDay), MonthDay.of(toMonth, toDay));
    }
}
