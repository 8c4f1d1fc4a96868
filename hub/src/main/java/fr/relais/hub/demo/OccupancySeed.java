package fr.relais.hub.demo;

import fr.relais.hub.demo.HistoryProfiles.Opening;
import fr.relais.hub.demo.HistoryProfiles.Place;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A day of simulated visitors at every place: its hours in {@code occupancy_hour} and its total in
 * {@code occupancy_day}, marked simulated. Written with ON CONFLICT DO NOTHING: a real row (there
 * should be none before the start) is never changed.
 */
final class OccupancySeed {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private OccupancySeed() {
    }

    /** The places with their hours, exceptions, rooms and coworking, as the database has them now. */
    static List<Place> places(HistorySql sql) {
        Map<String, Map<DayOfWeek, List<Opening>>> weekly = new HashMap<>();
        sql.query("SELECT site_id, day, opens, closes FROM place_hours", row -> {
            weekly.computeIfAbsent(row.getString(1), site -> new HashMap<>())
                    .computeIfAbsent(DayOfWeek.valueOf(row.getString(2)), day -> new ArrayList<>())
                    .add(new Opening(LocalTime.parse(row.getString(3)), LocalTime.parse(row.getString(4))));
            return null;
        });
        Map<String, Map<LocalDate, List<Opening>>> exceptions = new HashMap<>();
        sql.query("SELECT site_id, day, closed, opens, closes FROM place_hours_exceptions", row -> {
            List<Opening> day = exceptions.computeIfAbsent(row.getString(1), site -> new HashMap<>())
                    .computeIfAbsent(LocalDate.parse(row.getString(2)), d -> new ArrayList<>());
            if (!row.getBoolean(3) && row.getString(4) != null && row.getString(5) != null) {
                day.add(new Opening(LocalTime.parse(row.getString(4)), LocalTime.parse(row.getString(5))));
            }
            return null;
        });
        Map<String, Integer> rooms = new HashMap<>();
        // Rooms lent at the coworking place, and the rooms a place's presence sensors watch.
        sql.query("SELECT site_id, COUNT(*) FROM coworking_resources WHERE kind = 'room' GROUP BY site_id",
                row -> rooms.merge(row.getString(1), row.getInt(2), Math::max));
        sql.query("SELECT n.site_id, COUNT(*) FROM devices d JOIN nodes n ON n.id = d.node_id"
                + " WHERE d.kind = 'presence-sensor' GROUP BY n.site_id", row -> rooms.merge(row.getString(1),
                row.getInt(2), Math::max));
        Set<String> coworking = new HashSet<>(sql.query("SELECT DISTINCT site_id FROM coworking_resources"
                + " UNION SELECT id FROM sites WHERE kind = 'coworking'", row -> row.getString(1)));
        return sql.query("SELECT site_id FROM places ORDER BY site_id", row -> row.getString(1)).stream()
                .map(site -> new Place(site, weekly.getOrDefault(site, Map.of()),
                        exceptions.getOrDefault(site, Map.of()), rooms.getOrDefault(site, 0), coworking.contains(site)))
                .toList();
    }

    /** Writes the day's rows of every place; returns how many hours were written. */
    static int write(HistorySql sql, List<Place> places, LocalDate day) {
        List<Object[]> hours = new ArrayList<>();
        List<Object[]> days = new ArrayList<>();
        String month = day.toString().substring(0, 7);
        for (Place place : places) {
            long entries = 0;
            long exits = 0;
            long roomMinutes = 0;
            long checkins = 0;
            List<HistoryProfiles.Hour> simulated = HistoryProfiles.occupancy(place, day);
            for (HistoryProfiles.Hour hour : simulated) {
                long bucket = ZonedDateTime.of(day, LocalTime.of(hour.hour(), 0), PARIS).toInstant().toEpochMilli();
                hours.add(new Object[] {place.site(), bucket, day.toString(), hour.hour(),
                        day.getDayOfWeek().getValue(), hour.entries(), hour.exits(), hour.roomMinutes(),
                        hour.coworkerCheckins()});
                entries += hour.entries();
                exits += hour.exits();
                roomMinutes += hour.roomMinutes();
                checkins += hour.coworkerCheckins();
            }
            if (!simulated.isEmpty()) {
                days.add(new Object[] {place.site(), day.toString(), month, entries, exits, roomMinutes, checkins});
            }
        }
        sql.batch("INSERT INTO occupancy_hour (site_id, bucket_start, local_day, local_hour, weekday, entries, exits,"
                + " room_minutes, coworker_checkins, simulated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE)"
                + " ON CONFLICT (site_id, bucket_start) DO NOTHING", hours);
        sql.batch("INSERT INTO occupancy_day (site_id, local_day, month, entries, exits, room_minutes,"
                + " coworker_checkins, simulated) VALUES (?, ?, ?, ?, ?, ?, ?, TRUE)"
                + " ON CONFLICT (site_id, local_day) DO NOTHING", days);
        return hours.size();
    }
}
