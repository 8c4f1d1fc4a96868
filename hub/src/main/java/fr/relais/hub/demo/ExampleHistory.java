package fr.relais.hub.demo;

import static fr.relais.hub.demo.HistoryProfiles.DAY;
import static fr.relais.hub.demo.HistoryProfiles.HOUR;
import static fr.relais.hub.demo.OccupancySeed.PARIS;

import fr.relais.hub.demo.HistoryProfiles.Link;
import fr.relais.hub.rollup.RollupJob;
import fr.relais.hub.rollup.RollupProgress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's simulated history ({@code --example-history DAYS}): what the dashboard would show
 * had the hub run for weeks, every row marked {@code simulated} and strictly before the hub's
 * first start with it (kept in {@code example_content}, part {@code history}), so that nothing
 * is shared with a real rollup: occupancy for the places' whole days before the start's day,
 * broadband for the 13 months before the start's month, telemetry before the start's hour.
 *
 * <p>Runs as a rollup job, in short transactions, so that the hub answers meanwhile: a day of
 * occupancy per step (progress row {@code example-history}), then per node a week of hour rows,
 * or a day with its minute rows, per step ({@code example_history.seeded_until}). Each step
 * moves its progress first, from the value it read, so that a second run or a second hub never
 * writes it twice. A node is seeded once, at the first run after its first birth named its
 * devices, and only once the telemetry rollups have passed the start: they never read a
 * simulated minute.
 */
public final class ExampleHistory implements RollupJob {
    static final String PART = "history";
    static final String PROGRESS = "example-history";
    /** Days of minute rows before the start; the rest is hours only. */
    static final int MINUTE_DAYS = 2;
    /** The links of the example territory's places (provisioning/examples/territoire.yaml); ADSL elsewhere. */
    private static final Map<String, Link> SITE_LINKS = Map.of("rozoy", Link.FIBRE, "rozoy-coworking", Link.FIBRE,
            "montcornet", Link.ADSL, "dizy-le-gros", Link.ADSL, "brunehamel", Link.ADSL);
    private static final Logger LOG = LoggerFactory.getLogger(ExampleHistory.class);

    private record Node(String id, String site, boolean van, Long seededUntil) {
    }

    @FunctionalInterface
    private interface Step {
        boolean write() throws SQLException;
    }

    private final int days;
    private final long startedAt;

    /** @param clock the hub's start: recorded as the start if no hub started with history before */
    public ExampleHistory(int days, Clock clock) {
        if (days < 1) {
            throw new IllegalArgumentException("--example-history must be at least 1 day to seed anything, got " + days);
        }
        this.days = days;
        this.startedAt = clock.millis();
    }

    @Override
    public String name() {
        return PROGRESS;
    }

    @Override
    public int run(Connection connection, long now, int maxSteps) throws SQLException {
        HistorySql sql = new HistorySql(connection);
        long start = start(sql, connection);
        int steps = occupancy(sql, connection, start, maxSteps);
        if (steps < maxSteps && telemetryRolledPast(sql, connection, Math.floorDiv(start, HOUR) * HOUR)) {
            steps += nodes(sql, connection, start, maxSteps - steps);
        }
        return steps;
    }

    /** The recorded start, recording this hub's with the occupancy's first day if none was. */
    private long start(HistorySql sql, Connection connection) throws SQLException {
        Optional<Long> recorded = recorded(sql, connection);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        long firstDay = LocalDate.ofInstant(Instant.ofEpochMilli(startedAt), PARIS).minusDays(days)
                .atStartOfDay(PARIS).toInstant().toEpochMilli();
        transaction(connection, () -> {
            // Both or neither; another hub may have recorded its own first: then its own stand.
            if (sql.update("INSERT INTO example_content (part, loaded_at) VALUES (?, ?) ON CONFLICT (part) DO NOTHING",
                    PART, startedAt) == 0) {
                return false;
            }
            sql.update("INSERT INTO rollup_progress (resolution, done_until) VALUES (?, ?)"
                    + " ON CONFLICT (resolution) DO NOTHING", PROGRESS, firstDay);
            return true;
        });
        long start = recorded(sql, connection).orElseThrow();
        LOG.info("example history: {} days simulated before {} (--example-history), marked simulated", days,
                Instant.ofEpochMilli(start));
        return start;
    }

    private static Optional<Long> recorded(HistorySql sql, Connection connection) throws SQLException {
        try {
            return sql.one("SELECT loaded_at FROM example_content WHERE part = ?", row -> row.getLong(1), PART);
        } finally {
            connection.commit();
        }
    }

    /** A day of every place's occupancy per step, up to the start's day. */
    private static int occupancy(HistorySql sql, Connection connection, long start, int maxSteps) throws SQLException {
        RollupProgress progress = new RollupProgress(connection, PROGRESS);
        long from = progress.doneUntil();
        long end = LocalDate.ofInstant(Instant.ofEpochMilli(start), PARIS).atStartOfDay(PARIS).toInstant().toEpochMilli();
        if (from >= end) {
            return 0;
        }
        List<HistoryProfiles.Place> places;
        try {
            places = OccupancySeed.places(sql);
        } finally {
            connection.commit();
        }
        int steps = 0;
        while (steps < maxSteps && from < end) {
            LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(from), PARIS);
            long to = day.plusDays(1).atStartOfDay(PARIS).toInstant().toEpochMilli();
            if (!progress.advance(from, to, ignored -> OccupancySeed.write(sql, places, day))) {
                break;
            }
            from = to;
            steps++;
        }
        if (from >= end) {
            LOG.info("example history: occupancy of {} places seeded", places.size());
        }
        return steps;
    }

    private static boolean telemetryRolledPast(HistorySql sql, Connection connection, long end) throws SQLException {
        try {
            return sql.one("SELECT done_until FROM rollup_progress WHERE resolution = 'hour'", row -> row.getLong(1))
                    .orElse(0L) >= end;
        } finally {
            connection.commit();
        }
    }

    /** The nodes born and not yet seeded: broadband and a first row, then their telemetry a chunk at a time. */
    private int nodes(HistorySql sql, Connection connection, long start, int maxSteps) throws SQLException {
        long end = Math.floorDiv(start, HOUR) * HOUR;
        List<Node> nodes;
        try {
            nodes = sql.query("SELECT n.id, n.site_id, s.kind, h.seeded_until FROM nodes n"
                    + " LEFT JOIN sites s ON s.id = n.site_id LEFT JOIN example_history h ON h.node_id = n.id"
                    + " WHERE n.last_birth_at IS NOT NULL AND (h.node_id IS NULL OR h.seeded_until < ?) ORDER BY n.id",
                    row -> new Node(row.getString(1), row.getString(2), "van".equals(row.getString(3)),
                            row.getObject(4) == null ? null : row.getLong(4)), end);
        } finally {
            connection.commit();
        }
        int steps = 0;
        for (Node node : nodes) {
            Long from = node.seededUntil();
            if (from == null && steps < maxSteps) {
                from = end - days * DAY;
                if (!firstStep(sql, connection, node, from, YearMonth.from(Instant.ofEpochMilli(start).atZone(PARIS)))) {
                    continue;
                }
                steps++;
            }
            while (from != null && steps < maxSteps && from < end) {
                long chunkFrom = from;
                long minutesFrom = end - MINUTE_DAYS * DAY;
                long to = from < minutesFrom ? Math.min(from + 7 * DAY, minutesFrom) : Math.min(from + DAY, end);
                if (!transaction(connection, () -> {
                    if (sql.update("UPDATE example_history SET seeded_until = ? WHERE node_id = ? AND seeded_until = ?",
                            to, node.id(), chunkFrom) == 0) {
                        return false;
                    }
                    TelemetrySeed.write(sql, node.id(), link(node), TelemetrySeed.devices(sql, node.id()), chunkFrom,
                            to, minutesFrom);
                    return true;
                })) {
                    break;
                }
                from = to;
                steps++;
                if (from >= end) {
                    LOG.info("example history: telemetry of node {} seeded", node.id());
                }
            }
        }
        return steps;
    }

    /** Records the node as being seeded (once: a second hub's insert does nothing) and writes its broadband. */
    private static boolean firstStep(HistorySql sql, Connection connection, Node node, long from, YearMonth startMonth)
            throws SQLException {
        return transaction(connection, () -> {
            if (sql.update("INSERT INTO example_history (node_id, seeded_from, seeded_until) VALUES (?, ?, ?)"
                    + " ON CONFLICT (node_id) DO NOTHING", node.id(), from, from) == 0) {
                return false;
            }
            boolean probe = sql.one("SELECT 1 FROM devices WHERE node_id = ? AND kind = 'probe'", row -> true,
                    node.id()).isPresent();
            if (probe) {
                if (node.van()) {
                    ConnectivitySeed.van(sql, node.id(), node.site(), startMonth);
                } else {
                    ConnectivitySeed.place(sql, node.id(), node.site(), link(node), startMonth);
                }
            }
            return true;
        });
    }

    private static Link link(Node node) {
        return node.van() ? Link.FOUR_G : SITE_LINKS.getOrDefault(node.site(), Link.ADSL);
    }

    /** Commits what the step wrote, or rolls it back when it found its progress moved (false) or failed. */
    private static boolean transaction(Connection connection, Step step) throws SQLException {
        try {
            if (step.write()) {
                connection.commit();
                return true;
            }
            connection.rollback();
            return false;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }
}
