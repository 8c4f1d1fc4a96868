package fr.relais.hub.telemetry;

import fr.relais.hub.db.Database;
import fr.relais.hub.db.Sql;
import fr.relais.hub.registry.Views;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node's telemetry over time, raw or rolled up, for charts and reports. Calls are serialised
 * (by {@link Sql}) on a connection of their own: a long query for a report must not hold up the
 * registry's.
 */
public final class TelemetryReader {
    /** What a query asks for; device and metric are optional. Times are epoch milliseconds, to excluded. */
    public record Query(String node, Optional<String> device, Optional<String> metric, long from, long to,
                        int limit) {
    }

    /** The rolled-up resolutions, and the table each lives in. */
    public enum Resolution {
        MINUTE("telemetry_minute"), HOUR("telemetry_hour");

        private final String table;

        Resolution(String table) {
            this.table = table;
        }
    }

    private final Sql sql;

    public TelemetryReader(Database database) {
        this.sql = new Sql(database.history(), "telemetry");
    }

    /** The site a known node belongs to; empty for a node the hub has never heard of. */
    public Optional<String> nodeSite(String node) {
        return sql.one("SELECT site_id FROM nodes WHERE id = ?", row -> row.getString(1), node);
    }

    /**
     * Raw readings received in the period, oldest first, at most {@code limit}; with a metric,
     * only those that carry it.
     */
    public List<Views.Reading> raw(Query query) {
        // LIKE cannot be trusted with a metric name's '_' and the text is JSON: the API layer
        // filters by metric on the parsed readings; here the device and the period narrow it.
        List<Object> parameters = new ArrayList<>(List.of(query.node(), query.from(), query.to()));
        query.device().ifPresent(parameters::add);
        return sql.query("SELECT received_at, device_ts, device_id, health, metrics FROM telemetry"
                + " WHERE node_id = ? AND received_at >= ? AND received_at < ?"
                + (query.device().isPresent() ? " AND device_id = ?" : "")
                + " ORDER BY received_at, msg_id LIMIT " + query.limit(),
                row -> new Views.Reading(row.getLong(1), row.getLong(2), row.getString(3), row.getString(4),
                        row.getString(5)), parameters.toArray());
    }

    /**
     * Whether any rollup the same query would answer is the demo's simulated history
     * ({@code --example-history}), so that a chart can say so.
     */
    public boolean simulated(Resolution resolution, Query query) {
        return sql.one("SELECT 1 FROM " + resolution.table + rollupWhere(query) + " AND simulated = TRUE LIMIT 1",
                row -> true, rollupParameters(query)).isPresent();
    }

    /** The rollup tables' condition: the node and the period, and the device and metric when asked. */
    private static String rollupWhere(Query query) {
        return " WHERE node_id = ? AND bucket_start >= ? AND bucket_start < ?"
                + (query.device().isPresent() ? " AND device_id = ?" : "")
                + (query.metric().isPresent() ? " AND metric = ?" : "");
    }

    private static Object[] rollupParameters(Query query) {
        List<Object> parameters = new ArrayList<>(List.of(query.node(), query.from(), query.to()));
        query.device().ifPresent(parameters::add);
        query.metric().ifPresent(parameters::add);
        return parameters.toArray();
    }

    /** Rollups of periods that start in the period, oldest first, at most {@code limit}. */
    public List<Views.Rollup> rollups(Resolution resolution, Query query) {
        return sql.query("SELECT bucket_start, device_id, metric, samples, min_value, max_value, sum_value FROM "
                + resolution.table + rollupWhere(query) + " ORDER BY bucket_start, device_id, metric LIMIT "
                + query.limit(), row -> {
                    String device = row.getString(2);
                    return new Views.Rollup(row.getLong(1), device.isEmpty() ? null : device, row.getString(3),
                            row.getLong(4), row.getDouble(5), row.getDouble(6), row.getDouble(7));
                }, rollupParameters(query));
    }
}
