package fr.relais.hub.occupancy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one step of the rollup counted, per place and UTC hour, and the same per place and local
 * day: what is added to {@code occupancy_hour} and {@code occupancy_day}.
 */
final class OccupancyCounts {
    /** The four measures, in the tables' order. */
    enum Measure {
        ENTRIES, EXITS, ROOM_MINUTES, COWORKER_CHECKINS
    }

    record HourKey(String site, long bucketStart) {
    }

    record DayKey(String site, String day, String month) {
    }

    private final Map<HourKey, long[]> hours = new LinkedHashMap<>();
    private final Map<DayKey, long[]> days = new LinkedHashMap<>();

    void add(String site, long at, Measure measure, long amount) {
        LocalHours.Slot slot = LocalHours.of(at);
        hours.computeIfAbsent(new HourKey(site, slot.bucketStart()), k -> new long[4])[measure.ordinal()] += amount;
        days.computeIfAbsent(new DayKey(site, slot.day().toString(), slot.month()), k -> new long[4])
                [measure.ordinal()] += amount;
    }

    Map<HourKey, long[]> hours() {
        return hours;
    }

    Map<DayKey, long[]> days() {
        return days;
    }

    boolean isEmpty() {
        return hours.isEmpty();
    }
}
