package fr.relais.hub.occupancy;

import fr.relais.hub.db.Sql;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Who is in a place now, from what the registry last heard and the coworking presence:
 * <ul>
 * <li>people in: the sum of the {@code present} metric of the site's entrance counters (presence
 *     sensors that report {@code present}: the gpio-people-counter and its simulation);</li>
 * <li>rooms: the room sensors (presence sensors without {@code present}) whose {@code occupied} is true,
 *     out of all of them;</li>
 * <li>coworkers in: the open visits of {@code coworking_presence} not yet past the site's automatic
 *     check-out, counted only (no names ever leave here), for a coworking place (kind {@code coworking},
 *     or a place with coworking members).</li>
 * </ul>
 * A figure the place has no device (or no coworking) for is null.
 */
final class OccupancyNow extends Sql {
    private record Sensor(String metrics) {
    }

    private final Clock clock;

    OccupancyNow(Connection connection, Clock clock) {
        super(connection, "occupancy now");
        this.clock = clock;
    }

    Occupancy.Now of(String site) {
        Instant now = clock.instant();
        Long people = null;
        long rooms = 0;
        long occupied = 0;
        List<Sensor> sensors = query("SELECT d.metrics FROM devices d JOIN nodes n ON n.id = d.node_id"
                + " WHERE n.site_id = ? AND d.kind = 'presence-sensor'", row -> new Sensor(row.getString(1)), site);
        for (Sensor sensor : sensors) {
            JsonObject metrics = metrics(sensor.metrics());
            if (metrics.getValue("present") instanceof Number present) {
                people = (people == null ? 0 : people) + Math.max(0, present.longValue());
            } else {
                rooms++;
                if (Boolean.TRUE.equals(metrics.getValue("occupied"))) {
                    occupied++;
                }
            }
        }
        return new Occupancy.Now(site, now, people, rooms == 0 ? null : new Occupancy.Rooms(occupied, rooms),
                coworkers(site, now));
    }

    private Long coworkers(String site, Instant now) {
        boolean coworking = one("SELECT 1 FROM sites WHERE id = ? AND (kind = 'coworking' OR EXISTS"
                + " (SELECT 1 FROM coworking_members m WHERE m.site_id = ?))", row -> true, site, site).isPresent();
        if (!coworking) {
            return null;
        }
        ZoneId zone = ZoneId.of("Europe/Paris");
        LocalTime autoAt = LocalTime.MIDNIGHT;
        List<String[]> settings = query("SELECT time_zone, auto_checkout_at FROM coworking_sites WHERE site_id = ?",
                row -> new String[] {row.getString(1), row.getString(2)}, site);
        if (!settings.isEmpty()) {
            zone = ZoneId.of(settings.get(0)[0]);
            autoAt = LocalTime.parse(settings.get(0)[1]);
        }
        return query("SELECT COUNT(*) FROM coworking_presence WHERE site_id = ? AND checked_out_at IS NULL"
                + " AND checked_in_at >= ?", row -> row.getLong(1), site, lastAutoCheckout(now, zone, autoAt)).get(0);
    }

    /** The latest automatic check-out at or before now: a visit opened before it is over, even if still open. */
    static long lastAutoCheckout(Instant now, ZoneId zone, LocalTime autoAt) {
        LocalDate today = now.atZone(zone).toLocalDate();
        ZonedDateTime candidate = today.atTime(autoAt).atZone(zone);
        if (candidate.toInstant().isAfter(now)) {
            candidate = today.minusDays(1).atTime(autoAt).atZone(zone);
        }
        return candidate.toInstant().toEpochMilli();
    }

    private static JsonObject metrics(String text) {
        if (text == null) {
            return new JsonObject();
        }
        try {
            return new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            return new JsonObject();
        }
    }
}
