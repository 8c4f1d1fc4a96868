package fr.relais.hub.telemetry;

import fr.relais.hub.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls the raw telemetry up per minute, and the minutes per hour, incrementally: each period
 * once, after it has closed. {@code rollup_progress} says how far each resolution has gone; a
 * rollup moves it in the same transaction as it inserts, and only from the value it started
 * from, so running twice, or on two hubs at once, never counts a period twice.
 *
 * <p>Periods are those the hub received the readings in ({@code received_at}): a reading
 * replayed by an agent after an outage counts in the minute it arrived, which is what keeps
 * the rollup incremental. Raw readings keep their own timestamp.
 *
 * <p>Reading the raw rows happens in its own read transaction, before the short write one: on
 * SQLite, a write transaction holds off ingestion for as long as it lasts.
 */
public final class TelemetryRollups {
    static final long MINUTE = 60_000;
    static final long HOUR = 3_600_000;
    /**
     * A minute is rolled up once it ended this long ago: a reading received in it may still wait
     * in a hub's queue before its batch commits.
     */
    static final long SETTLE_MILLIS = 2 * MINUTE;
    /** Periods per transaction: a catch-up after a long stop goes in steps, never in one go. */
    private static final int MINUTES_PER_STEP = 60;
    private static final int HOURS_PER_STEP = 24;
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryRollups.class);

    private record Key(String node, String device, String metric, long bucket) {
    }

    private final Connection connection;

    public TelemetryRollups(Connection connection) {
        this.connection = connection;
    }

    /** Rolls up every minute and hour closed at {@code now}; says how many periods were rolled. */
    public int run(long now, int maxSteps) throws SQLException {
        int periods = 0;
        long limit = floor(now - SETTLE_MILLIS, MINUTE);
        for (int step = 0; step < maxSteps; step++) {
            int rolled = minutes(limit);
            if (rolled == 0) {
                break;
            }
            periods += rolled;
        }
        long hourLimit = floor(progress("minute"), HOUR);
        for (int step = 0; step < maxSteps; step++) {
            int rolled = hours(hourLimit);
            if (rolled == 0) {
                break;
            }
            periods += rolled;
        }
        return periods;
    }

    /** Every minute before this is rolled up. */
    public long progress(String resolution) throws SQLException {
        try {
            return Sql.one(connection, "SELECT done_until FROM rollup_progress WHERE resolution = ?",
                    row -> row.getLong(1), resolution).orElse(0L);
        } finally {
            connection.commit();
        }
    }

    private int minutes(long limit) throws SQLException {
        long from = progress("minute");
        if (from == 0) {
            from = start("minute", firstReceived(limit));
        }
        long to = Math.min(limit, from + MINUTES_PER_STEP * MINUTE);
        if (to <= from) {
            return 0;
        }
        Map<Key, MetricSummary> summaries = summarise(from, to);
        return advance("minute", from, to, "telemetry_minute", insert -> {
            for (Map.Entry<Key, MetricSummary> entry : summaries.entrySet()) {
                Key key = entry.getKey();
                MetricSummary summary = entry.getValue();
                insert.setString(1, key.node());
                insert.setString(2, key.device());
                insert.setString(3, key.metric());
                insert.setLong(4, key.bucket());
                insert.setLong(5, summary.samples);
                insert.setDouble(6, summary.min);
                insert.setDouble(7, summary.max);
                insert.setDouble(8, summary.sum);
                insert.addBatch();
            }
            insert.executeBatch();
        }) ? (int) ((to - from) / MINUTE) : 0;
    }

    private int hours(long limit) throws SQLException {
        long progress = progress("hour");
        long from = progress == 0 ? start("hour", firstMinute(limit)) : progress;
        long to = Math.min(limit, from + HOURS_PER_STEP * HOUR);
        if (to <= from) {
            return 0;
        }
        boolean done = advance("hour", from, to, null, ignored -> {
            Sql.update(connection, "INSERT INTO telemetry_hour (node_id, device_id, metric, bucket_start, samples,"
                    + " min_value, max_value, sum_value)"
                    + " SELECT node_id, device_id, metric, bucket_start / 3600000 * 3600000, SUM(samples),"
                    + " MIN(min_value), MAX(max_value), SUM(sum_value) FROM telemetry_minute"
                    + " WHERE bucket_start >= ? AND bucket_start < ?"
                    + " GROUP BY node_id, device_id, metric, bucket_start / 3600000 * 3600000", from, to);
        });
        return done ? (int) ((to - from) / HOUR) : 0;
    }

    private interface Inserts {
        void write(PreparedStatement insert) throws SQLException;
    }

    /**
     * In one transaction: moves the progress from {@code from} to {@code to}, first (a write
     * first, for SQLite; the row lock, for PostgreSQL), then inserts the rollups. False if another
     * hub moved it first; its rollups stand.
     */
    private boolean advance(String resolution, long from, long to, String table, Inserts inserts)
            throws SQLException {
        try {
            if (Sql.update(connection, "UPDATE rollup_progress SET done_until = ? WHERE resolution = ?"
                    + " AND done_until = ?", to, resolution, from) == 0) {
                connection.rollback();
                return false;
            }
            if (table == null) {
                inserts.write(null);
            } else {
                // one statement, a batch of rows: the only statement here that Sql's helpers do not make
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (node_id,"
                        + " device_id, metric, bucket_start, samples, min_value, max_value, sum_value)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    inserts.write(insert);
                }
            }
            connection.commit();
            return true;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /** The first period to roll up, recorded; another hub may have recorded one first. */
    private long start(String resolution, long first) throws SQLException {
        try {
            Sql.update(connection, "UPDATE rollup_progress SET done_until = ? WHERE resolution = ? AND done_until = 0",
                    first, resolution);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
        return progress(resolution);
    }

    /** The minute of the oldest raw reading, or {@code limit} if there is none. */
    private long firstReceived(long limit) throws SQLException {
        long first = limit;
        try {
            // Per node, so each lookup is one step down the (node_id, received_at) index.
            for (Long oldest : Sql.query(connection, "SELECT (SELECT MIN(received_at) FROM telemetry t"
                    + " WHERE t.node_id = n.id) FROM nodes n", row -> Sql.nullableLong(row, 1))) {
                if (oldest != null) {
                    first = Math.min(first, floor(oldest, MINUTE));
                }
            }
        } finally {
            connection.commit();
        }
        return first;
    }

    private long firstMinute(long limit) throws SQLException {
        try {
            return Sql.one(connection, "SELECT MIN(bucket_start) FROM telemetry_minute", row -> Sql.nullableLong(row, 1))
                    .map(first -> Math.min(limit, floor(first, HOUR))).orElse(limit);
        } finally {
            connection.commit();
        }
    }

    /** The numeric metrics received in [from, to), per node, device, metric and minute. */
    private Map<Key, MetricSummary> summarise(long from, long to) throws SQLException {
        Map<Key, MetricSummary> summaries = new HashMap<>();
        try {
            List<String> nodes = Sql.query(connection, "SELECT id FROM nodes", row -> row.getString(1));
            // one statement run per node and read as a stream (fetch size): kept by hand
            try (PreparedStatement select = connection.prepareStatement("SELECT device_id, received_at, metrics"
                    + " FROM telemetry WHERE node_id = ? AND received_at >= ? AND received_at < ?")) {
                select.setFetchSize(5_000);
                for (String node : nodes) {
                    select.setString(1, node);
                    select.setLong(2, from);
                    select.setLong(3, to);
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) {
                            String device = row.getString(1) == null ? "" : row.getString(1);
                            long bucket = floor(row.getLong(2), MINUTE);
                            if (!MetricSummary.numbers(row.getString(3), (metric, value) -> summaries.computeIfAbsent(
                                    new Key(node, device, metric, bucket), k -> new MetricSummary()).add(value))) {
                                LOG.warn("telemetry of {} received at {} has unreadable metrics; left out of the rollup",
                                        node, row.getLong(2));
                            }
                        }
                    }
                }
            }
        } finally {
            connection.commit();
        }
        return summaries;
    }

    static long floor(long millis, long period) {
        return Math.floorDiv(millis, period) * period;
    }
}
