package fr.relais.hub.telemetry;

import fr.relais.hub.db.Database;
import fr.relais.hub.db.StoreException;
import fr.relais.hub.registry.Views;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node's telemetry over time, raw or rolled up, for charts and reports. Calls are serialised
 * on a connection of their own: a long query for a report must not hold up the registry's.
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

    private final Connection connection;

    public TelemetryReader(Database database) {
        this.connection = database.history();
    }

    /** The site a known node belongs to; empty for a node the hub has never heard of. */
    public synchronized Optional<String> nodeSite(String node) {
        try (PreparedStatement select = connection.prepareStatement("SELECT site_id FROM nodes WHERE id = ?")) {
            select.setString(1, node);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the nodes: " + e.getMessage(), e);
        }
    }

    /**
     * Raw readings received in the period, oldest first, at most {@code limit}; with a metric,
     * only those that carry it.
     */
    public synchronized List<Views.Reading> raw(Query query) {
        // LIKE cannot be trusted with a metric name's '_' and the text is JSON: the API layer
        // filters by metric on the parsed readings; here the device and the period narrow it.
        String sql = "SELECT received_at, device_ts, device_id, health, metrics FROM telemetry"
                + " WHERE node_id = ? AND received_at >= ? AND received_at < ?"
                + (query.device().isPresent() ? " AND device_id = ?" : "")
                + " ORDER BY received_at, msg_id LIMIT " + query.limit();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, query.node());
            select.setLong(2, query.from());
            select.setLong(3, query.to());
            if (query.device().isPresent()) {
                select.setString(4, query.device().get());
            }
            List<Views.Reading> readings = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    readings.add(new Views.Reading(row.getLong(1), row.getLong(2), row.getString(3),
                            row.getString(4), row.getString(5)));
                }
            }
            return readings;
        } catch (SQLException e) {
            throw new StoreException("cannot read telemetry: " + e.getMessage(), e);
        }
    }

    /**
     * Whether any rollup the same query would answer is the demo's simulated history
     * ({@code --example-history}), so that a chart can say so.
     */
    public synchronized boolean simulated(Resolution resolution, Query query) {
        String sql = "SELECT 1 FROM " + resolution.table + rollupWhere(query)
                + " AND simulated = TRUE LIMIT 1";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            bindRollupQuery(select, query);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read telemetry rollups: " + e.getMessage(), e);
        }
    }

    /** The rollup tables' condition: the node and the period, and the device and metric when asked. */
    private static String rollupWhere(Query query) {
        return " WHERE node_id = ? AND bucket_start >= ? AND bucket_start < ?"
                + (query.device().isPresent() ? " AND device_id = ?" : "")
                + (query.metric().isPresent() ? " AND metric = ?" : "");
    }

    private static void bindRollupQuery(PreparedStatement select, Query query) throws SQLException {
        int parameter = 1;
        select.setString(parameter++, query.node());
        select.setLong(parameter++, query.from());
        select.setLong(parameter++, query.to());
        if (query.device().isPresent()) {
            select.setString(parameter++, query.device().get());
        }
        if (query.metric().isPresent()) {
            select.setString(parameter, query.metric().get());
        }
    }

    /** Rollups of periods that start in the period, oldest first, at most {@code limit}. */
    public synchronized List<Views.Rollup> rollups(Resolution resolution, Query query) {
        String sql = "SELECT bucket_start, device_id, metric, samples, min_value, max_value, sum_value FROM "
                + resolution.table + rollupWhere(query)
                + " ORDER BY bucket_start, device_id, metric LIMIT " + query.limit();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            bindRollupQuery(select, query);
            List<Views.Rollup> rollups = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String device = row.getString(2);
                    rollups.add(new Views.Rollup(row.getLong(1), device.isEmpty() ? null : device, row.getString(3),
                            row.getLong(4), row.getDouble(5), row.getDouble(6), row.getDouble(7)));
                }
            }
            return rollups;
        } catch (SQLException e) {
            throw new StoreException("cannot read telemetry rollups: " + e.getMessage(), e);
        }
    }
}
