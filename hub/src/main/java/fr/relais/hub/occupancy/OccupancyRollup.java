package fr.relais.hub.occupancy;

import fr.relais.hub.rollup.RollupJob;
import fr.relais.hub.rollup.RollupProgress;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the places' visitors and use per hour from the stored events, incrementally, by time of
 * reception: each step takes the events received in [from, to) (at most a day) and adds their
 * counts to {@code occupancy_hour} and {@code occupancy_day} in the transaction that moves the
 * progress row {@code occupancy} (so each event is counted once, even with two hubs on one database).
 *
 * <p>An event counts in the hour its device says it happened when the device's clock was
 * synchronised (a replay after an outage lands in its real hour, added to what that hour holds),
 * else in the hour the hub received it. What counts:
 * <ul>
 * <li>{@code entry} / {@code exit} of an entrance counter ({@code gpio-people-counter}, and the demo's
 *     simulated one, which counts with the same class): one person each; the data's
 *     {@code entries}/{@code exits} are the day's running totals, not a count to add;</li>
 * <li>{@code room-free} of a room's presence sensor: its {@code occupiedMinutes}, each minute in its own
 *     hour, counted back from the minute the room was freed;</li>
 * <li>{@code access-granted} of a coworking door with a direction other than {@code exit} (a door
 *     without direction is an entrance, as {@code cowork.AccessEvents} reads it), and
 *     {@code coworking-checkin} of the kiosk with direction {@code entry}: one coworker check-in each.</li>
 * </ul>
 * Any other type is not read. An event whose data cannot be read is left out and logged: never a
 * failure of the run, which would stop the rollup for good.
 */
public final class OccupancyRollup implements RollupJob {
    public static final String NAME = "occupancy";
    static final String ENTRY = "entry";
    static final String EXIT = "exit";
    static final String ROOM_FREE = "room-free";
    static final String ACCESS_GRANTED = "access-granted";
    static final String COWORKING_CHECKIN = "coworking-checkin";
    static final List<String> TYPES = List.of(ENTRY, EXIT, ROOM_FREE, ACCESS_GRANTED, COWORKING_CHECKIN);
    /** Events received this long ago are all committed: a batch may wait in a hub's queue before. */
    static final long SETTLE_MILLIS = 2 * 60_000L;
    /** At most a day of receptions per transaction: a catch-up after a long stop goes in steps. */
    static final long STEP_MILLIS = 24 * LocalHours.HOUR_MILLIS;
    /** A room occupied longer than a week is a sensor's fault, not a use to count. */
    static final long MAX_ROOM_MINUTES = 7 * 24 * 60;
    private static final long MINUTE = 60_000L;
    private static final Logger LOG = LoggerFactory.getLogger(OccupancyRollup.class);

    private final AtomicLong skipped = new AtomicLong();

    @Override
    public String name() {
        return NAME;
    }

    /** Events left out since this job was made, because their data could not be read. */
    public long skipped() {
        return skipped.get();
    }

    @Override
    public int run(Connection connection, long now, int maxSteps) throws SQLException {
        OccupancyRollupSql sql = new OccupancyRollupSql(connection);
        RollupProgress progress = new RollupProgress(connection, NAME);
        long limit = Math.floorDiv(now - SETTLE_MILLIS, MINUTE) * MINUTE;
        long from = progress.doneUntil();
        if (from == 0) {
            from = progress.startAt(sql.firstReceived(TYPES, limit));
        }
        int done = 0;
        for (int attempt = 0; attempt < maxSteps; attempt++) {
            long to = Math.min(limit, from + STEP_MILLIS);
            if (to <= from) {
                break;
            }
            OccupancyCounts counts = count(sql.received(TYPES, from, to));
            if (progress.advance(from, to, ignored -> sql.add(counts))) {
                done++;
                from = to;
            } else {
                // Another hub counted this step first: go on from where it is now.
                from = progress.doneUntil();
            }
        }
        return done;
    }

    private OccupancyCounts count(List<OccupancyRollupSql.Row> rows) {
        OccupancyCounts counts = new OccupancyCounts();
        for (OccupancyRollupSql.Row row : rows) {
            long at = row.clockSynced() ? row.deviceTs() : row.receivedAt();
            try {
                JsonObject data = new JsonObject(row.data());
                switch (row.type()) {
                    case ENTRY -> counts.add(row.site(), at, OccupancyCounts.Measure.ENTRIES, 1);
                    case EXIT -> counts.add(row.site(), at, OccupancyCounts.Measure.EXITS, 1);
                    case ROOM_FREE -> roomMinutes(counts, row.site(), at, minutes(data));
                    case ACCESS_GRANTED -> {
                        if (!EXIT.equals(data.getValue("direction"))) {
                            counts.add(row.site(), at, OccupancyCounts.Measure.COWORKER_CHECKINS, 1);
                        }
                    }
                    case COWORKING_CHECKIN -> {
                        if (ENTRY.equals(data.getValue("direction"))) {
                            counts.add(row.site(), at, OccupancyCounts.Measure.COWORKER_CHECKINS, 1);
                        }
                    }
                    default -> {
                        // not read: TYPES lists what is
                    }
                }
            } catch (DecodeException | ClassCastException | IllegalArgumentException e) {
                skipped.incrementAndGet();
                LOG.warn("occupancy: event {} ({}) of node {} received at {} left out: {}", row.msgId(), row.type(),
                        row.node(), row.receivedAt(), e.getMessage());
            }
        }
        return counts;
    }

    /**
     * The minutes a room was occupied up to the minute it was freed, each in its own hour: a room used
     * from 10:40 to 11:10 adds 20 minutes to 10h and 10 to 11h (and a use across midnight to both days).
     */
    private static void roomMinutes(OccupancyCounts counts, String site, long freedAt, long minutes) {
        long end = Math.floorDiv(freedAt, MINUTE) * MINUTE;
        long start = end - minutes * MINUTE;
        while (start < end) {
            long hourEnd = Math.min(end, Math.floorDiv(start, LocalHours.HOUR_MILLIS) * LocalHours.HOUR_MILLIS
                    + LocalHours.HOUR_MILLIS);
            counts.add(site, start, OccupancyCounts.Measure.ROOM_MINUTES, (hourEnd - start) / MINUTE);
            start = hourEnd;
        }
    }

    /** A room-free's occupied minutes: a whole number from 0 to a week. */
    private static long minutes(JsonObject data) {
        Object value = data.getValue("occupiedMinutes");
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                || number.longValue() < 0 || number.longValue() > MAX_ROOM_MINUTES) {
            throw new IllegalArgumentException("occupiedMinutes must be a whole number of minutes from 0 to "
                    + MAX_ROOM_MINUTES + ", got " + value);
        }
        return number.longValue();
    }
}
