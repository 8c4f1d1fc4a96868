package fr.relais.hub.occupancy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The answers of the occupancy API, as the JSON and the CSV show them (one shape for both). */
final class Occupancy {
    private Occupancy() {
    }

    /** Entries and exits of the entrance counters, rooms' occupied minutes, coworkers' check-ins. */
    record Sums(long entries, long exits, long roomMinutes, long coworkerCheckins) {
        static final Sums ZERO = new Sums(0, 0, 0, 0);

        Sums plus(Sums other) {
            return new Sums(entries + other.entries, exits + other.exits, roomMinutes + other.roomMinutes,
                    coworkerCheckins + other.coworkerCheckins);
        }
    }

    /** One weekday and local hour: the entries summed over the period, and per such weekday of it. */
    record Cell(int weekday, int hour, long entries, double perWeek) {
    }

    /** {@code weeks}: how many of each weekday (1 = Monday … 7) the period holds. */
    record Heatmap(String site, LocalDate from, LocalDate to, boolean simulated, Map<Integer, Long> weeks,
                   List<Cell> cells, Sums totals) {
    }

    /** A day (2026-12-01) or a month (2026-12) and its sums. */
    record Period(String key, Sums sums, boolean simulated) {
    }

    record Periods(String site, LocalDate from, LocalDate to, boolean simulated, List<Period> periods) {
    }

    /** Null fields: the place has no such device, or no coworking. */
    record Rooms(long occupied, long total) {
    }

    record Now(String site, Instant at, Long peopleIn, Rooms rooms, Long coworkersIn) {
    }
}
