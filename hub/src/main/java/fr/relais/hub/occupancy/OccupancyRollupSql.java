package fr.relais.hub.occupancy;

import fr.relais.hub.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The rollup's statements on the housekeeping connection (manual commit): reads end their own read
 * transaction, so that SQLite's ingestion is not held off; the upserts run inside
 * {@code RollupProgress.advance}'s transaction, after it moved the progress. Sums only: a count is
 * added to what the hour or day holds already (a late event adds to its own hour).
 */
final class OccupancyRollupSql extends Sql {
    /** One stored event of a type that counts, with its place. */
    record Row(String msgId, String site, String node, String type, long deviceTs, boolean clockSynced,
               long receivedAt, String data) {
    }

    OccupancyRollupSql(Connection housekeeping) {
        super(housekeeping, "occupancy rollup");
    }

    /** The oldest reception of an event that counts, or {@code limit} when there is none. */
    long firstReceived(List<String> types, long limit) throws SQLException {
        long first = limit;
        try {
            // One look-up per type: each is one step down the (type, received_at) index.
            for (String type : types) {
                // query, not one: one() cannot carry the NULL of MIN over no row (Optional.of(null)).
                Long oldest = query("SELECT MIN(received_at) FROM events WHERE type = ?", row -> nullableLong(row, 1),
                        type).get(0);
                if (oldest != null) {
                    first = Math.min(first, oldest);
                }
            }
        } finally {
            connection.commit();
        }
        return first;
    }

    /** The events of these types received in [from, to), with their node's site. */
    List<Row> received(List<String> types, long from, long to) throws SQLException {
        Object[] parameters = new Object[types.size() + 2];
        for (int i = 0; i < types.size(); i++) {
            parameters[i] = types.get(i);
        }
        parameters[types.size()] = from;
        parameters[types.size() + 1] = to;
        try {
            return query("SELECT e.msg_id, n.site_id, e.node_id, e.type, e.device_ts, e.clock_synced, e.received_at,"
                    + " e.data FROM events e JOIN nodes n ON n.id = e.node_id WHERE e.type IN ("
                    + "?, ".repeat(types.size() - 1) + "?) AND e.received_at >= ? AND e.received_at < ?",
                    row -> new Row(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getLong(5), row.getBoolean(6), row.getLong(7), row.getString(8)), parameters);
        } finally {
            connection.commit();
        }
    }

    /** Adds the counts; run in the transaction that moved the progress (never commits). */
    void add(OccupancyCounts counts) {
        for (Map.Entry<OccupancyCounts.HourKey, long[]> hour : counts.hours().entrySet()) {
            LocalHours.Slot slot = LocalHours.of(hour.getKey().bucketStart());
            long[] n = hour.getValue();
            update("INSERT INTO occupancy_hour (site_id, bucket_start, local_day, local_hour, weekday, entries, exits,"
                    + " room_minutes, coworker_checkins) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (site_id, bucket_start) DO UPDATE SET"
                    + " entries = occupancy_hour.entries + excluded.entries,"
                    + " exits = occupancy_hour.exits + excluded.exits,"
                    + " room_minutes = occupancy_hour.room_minutes + excluded.room_minutes,"
                    + " coworker_checkins = occupancy_hour.coworker_checkins + excluded.coworker_checkins",
                    hour.getKey().site(), slot.bucketStart(), slot.day().toString(), slot.hour(), slot.weekday(),
                    n[0], n[1], n[2], n[3]);
        }
        for (Map.Entry<OccupancyCounts.DayKey, long[]> day : counts.days().entrySet()) {
            long[] n = day.getValue();
            update("INSERT INTO occupancy_day (site_id, local_day, month, entries, exits, room_minutes,"
                    + " coworker_checkins) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (site_id, local_day) DO UPDATE SET"
                    + " entries = occupancy_day.entries + excluded.entries,"
                    + " exits = occupancy_day.exits + excluded.exits,"
                    + " room_minutes = occupancy_day.room_minutes + excluded.room_minutes,"
                    + " coworker_checkins = occupancy_day.coworker_checkins + excluded.coworker_checkins",
                    day.getKey().site(), day.getKey().day(), day.getKey().month(), n[0], n[1], n[2], n[3]);
        }
    }
}
