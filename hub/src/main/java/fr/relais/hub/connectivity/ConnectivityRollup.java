package fr.relais.hub.connectivity;

import fr.relais.hub.place.PlaceSql;
import fr.relais.hub.place.Territory;
import fr.relais.hub.rollup.RollupJob;
import fr.relais.hub.rollup.RollupProgress;
import fr.relais.hub.van.TourStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broadband per commune and month ({@code connectivity_month}) from the raw telemetry of the
 * probe devices ({@code devices.kind = 'probe'}), received in [from, to) steps of at most a day,
 * each merged in the transaction that moves the {@code connectivity} progress: each reading
 * counts once, even with two hubs on one database.
 *
 * <p>A reading's time is the agent's when its clock was synced, else the hub's reception: the
 * van replays readings after a dead zone, and they belong to the stop they were measured at.
 * Its commune: the place's ({@code places.commune_id} of the node's site); for the van (the
 * site of kind van), the commune of the tour's visit then ({@link VanWhereabouts}). Readings
 * outside a visit, of a place without commune, unreadable, or without any connectivity figure are
 * left out and counted in {@code connectivity_left_out}, each under its own reason.
 *
 * <p>The raw rows are read in their own read transaction before the short write one: on SQLite
 * a write transaction holds ingestion off for as long as it lasts.
 */
public final class ConnectivityRollup implements RollupJob {
    public static final String NAME = "connectivity";
    static final long MINUTE = 60_000;
    static final long DAY = 86_400_000;
    /** As the telemetry rollups: a reading received in the last two minutes may still wait in a queue. */
    static final long SETTLE_MILLIS = 2 * MINUTE;
    private static final Logger LOG = LoggerFactory.getLogger(ConnectivityRollup.class);

    private record Probe(String node, String device, String site) {
    }

    private record Raw(Probe probe, long receivedAt, long at, String metrics) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int run(Connection connection, long now, int maxSteps) throws SQLException {
        RollupProgress progress = new RollupProgress(connection, NAME);
        long limit = Math.floorDiv(now - SETTLE_MILLIS, MINUTE) * MINUTE;
        long from = progress.doneUntil();
        if (from == 0) {
            from = progress.startAt(firstReceived(connection, limit));
        }
        int steps = 0;
        while (steps < maxSteps) {
            long to = Math.min(limit, from + DAY);
            if (to <= from) {
                break;
            }
            MonthRows rows = read(connection, from, to);
            if (!progress.advance(from, to, c -> rows.write(new ConnectivitySql(c)))) {
                break;
            }
            log(from, to, rows);
            from = to;
            steps++;
        }
        return steps;
    }

    /** The minute of the oldest raw reading of any node, or {@code limit} when there is none. */
    private static long firstReceived(Connection connection, long limit) throws SQLException {
        try {
            // Per node, so that each lookup is one step down the (node_id, received_at) index.
            List<Long> oldest = new ConnectivitySql(connection).query(
                    "SELECT (SELECT MIN(received_at) FROM telemetry t WHERE t.node_id = n.id) FROM nodes n",
                    row -> fr.relais.hub.db.Sql.nullableLong(row, 1));
            return oldest.stream().filter(java.util.Objects::nonNull).map(at -> Math.floorDiv(at, MINUTE) * MINUTE)
                    .reduce(limit, Math::min);
        } finally {
            connection.commit();
        }
    }

    /** The probe readings received in [from, to), grouped; a read transaction of its own. */
    MonthRows read(Connection connection, long from, long to) throws SQLException {
        try {
            ConnectivitySql sql = new ConnectivitySql(connection);
            List<Probe> probes = sql.query("SELECT d.node_id, d.id, n.site_id FROM devices d"
                    + " JOIN nodes n ON n.id = d.node_id WHERE d.kind = 'probe' ORDER BY d.node_id, d.id",
                    row -> new Probe(row.getString(1), row.getString(2), row.getString(3)));
            List<Raw> raws = new ArrayList<>();
            for (Probe probe : probes) {
                raws.addAll(sql.query("SELECT received_at, device_ts, clock_synced, metrics FROM telemetry"
                        + " WHERE node_id = ? AND received_at >= ? AND received_at < ? AND device_id = ?",
                        row -> new Raw(probe, row.getLong(1), row.getBoolean(3) ? row.getLong(2) : row.getLong(1),
                                row.getString(4)), probe.node(), from, to, probe.device()));
            }
            MonthRows rows = new MonthRows();
            if (raws.isEmpty()) {
                return rows;
            }
            Map<String, String> communes = new HashMap<>();
            sql.query("SELECT site_id, commune_id FROM places WHERE commune_id IS NOT NULL",
                    row -> Map.entry(row.getString(1), row.getString(2)))
                    .forEach(place -> communes.put(place.getKey(), place.getValue()));
            PlaceSql places = new PlaceSql(connection);
            Optional<String> van = new Territory(places).vanSite();
            VanWhereabouts whereabouts = van.isPresent() ? whereabouts(places, van.get(), raws) : null;
            for (Raw raw : raws) {
                Probe probe = raw.probe();
                Optional<ProbeReading> reading = ProbeReading.of(raw.metrics());
                if (reading.isEmpty()) {
                    rows.leaveOut(raw.at(), probe.site(), ProbeReading.whyNone(raw.metrics()));
                    continue;
                }
                Optional<String> commune = van.isPresent() && van.get().equals(probe.site())
                        ? whereabouts.communeAt(Instant.ofEpochMilli(raw.at()))
                        : Optional.ofNullable(communes.get(probe.site()));
                if (commune.isPresent()) {
                    rows.add(commune.get(), raw.at(), probe.node(), probe.site(), reading.get());
                } else {
                    rows.leaveOut(raw.at(), probe.site(), van.isPresent() && van.get().equals(probe.site())
                            ? MonthRows.OUTSIDE_VISITS : MonthRows.NO_COMMUNE);
                }
            }
            return rows;
        } finally {
            connection.commit();
        }
    }

    /** The tour's visits around the van's readings of this step (a day on either side). */
    private static VanWhereabouts whereabouts(PlaceSql places, String van, List<Raw> raws) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Raw raw : raws) {
            if (raw.probe().site().equals(van)) {
                first = Math.min(first, raw.at());
                last = Math.max(last, raw.at());
            }
        }
        if (first > last) {
            return null;
        }
        return VanWhereabouts.of(new TourStore(places).tour(), VanWhereabouts.day(Instant.ofEpochMilli(first))
                .minusDays(1), VanWhereabouts.day(Instant.ofEpochMilli(last)));
    }

    private static void log(long from, long to, MonthRows rows) {
        long outside = rows.left(MonthRows.OUTSIDE_VISITS);
        long noCommune = rows.left(MonthRows.NO_COMMUNE);
        long unreadable = rows.left(MonthRows.UNREADABLE);
        long noFigures = rows.left(MonthRows.NO_FIGURES);
        if (unreadable > 0) {
            LOG.warn("connectivity {} to {}: {} probe readings unreadable (not a JSON object, or a latency, loss or"
                    + " throughput figure that is not a number in range); left out", Instant.ofEpochMilli(from),
                    Instant.ofEpochMilli(to), unreadable);
        }
        if (noFigures > 0) {
            // Readable, only not a probe's: a device declared kind 'probe' that reports something else.
            LOG.warn("connectivity {} to {}: {} readings of probe devices carry no latencyMedianMs, lossPercent nor"
                    + " throughputMbps (a device declared a probe that measures something else?); left out",
                    Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), noFigures);
        }
        if (!rows.parts.isEmpty() || outside + noCommune > 0) {
            LOG.info("connectivity {} to {}: {} rows merged; left out: outside_visits={} no_commune={} unreadable={}"
                    + " no_figures={}", Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), rows.parts.size(),
                    outside, noCommune, unreadable, noFigures);
        }
    }
}
