package fr.relais.hub.connectivity;

import fr.relais.hub.db.MessageIdColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small territory written straight into the tables: the place of Dizy-le-Gros (an ADSL probe
 * and a printer), a place without commune, and the van ({@code spi}, site of kind van) with a
 * 4G probe and two stops on the first Tuesday of every month: Archon 9:00–12:00, Parfondeval
 * 14:00–17:00 (a roadmap commune). The visit of Archon on 3 November 2026 is cancelled.
 */
final class ProbeData {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String DIZY = "dizy";
    static final String DIZY_NODE = "dizy-pi";
    static final String VAN = "spi";
    static final String VAN_NODE = "spi-pi";
    static final String LONELY = "lonely";
    static final String LONELY_NODE = "lonely-pi";

    private final Connection connection;
    private long seq;

    /** @param connection in auto-commit mode */
    ProbeData(Connection connection) {
        this.connection = connection;
    }

    ProbeData territory() throws SQLException {
        for (Object[] commune : List.<Object[]>of(new Object[] {"dizy-le-gros", "Dizy-le-Gros", false, false},
                new Object[] {"archon", "Archon", true, false}, new Object[] {"parfondeval", "Parfondeval", true, true},
                new Object[] {"montcornet", "Montcornet", false, false})) {
            update("INSERT INTO communes (id, name, lat, lon, van_served, roadmap) VALUES (?, ?, 49.7, 4.0, ?, ?)",
                    commune);
        }
        site(DIZY, "France Services de Dizy-le-Gros", "mediation", DIZY_NODE);
        site(VAN, "Bus France Services", "van", VAN_NODE);
        site(LONELY, "Lieu sans commune", "mediation", LONELY_NODE);
        update("INSERT INTO places (site_id, commune_id) VALUES (?, ?)", DIZY, "dizy-le-gros");
        update("INSERT INTO places (site_id, commune_id) VALUES (?, NULL)", LONELY);
        device(DIZY_NODE, "probe-adsl", "probe");
        device(DIZY_NODE, "printer", "printer");
        device(VAN_NODE, "probe-4g", "probe");
        device(LONELY_NODE, "probe", "probe");
        stop("archon-1", "archon", "09:00", "12:00");
        stop("parfondeval-1", "parfondeval", "14:00", "17:00");
        update("INSERT INTO van_exceptions (id, kind, day, stop_id, reason, created_at)"
                + " VALUES ('cancel-nov', 'cancelled', '2026-11-03', 'archon-1', 'Panne', 0)");
        return this;
    }

    private void site(String id, String name, String kind, String node) throws SQLException {
        update("INSERT INTO sites (id, name, kind, updated_at) VALUES (?, ?, ?, 0)", id, name, kind);
        update("INSERT INTO nodes (id, site_id, state) VALUES (?, ?, 'online')", node, id);
    }

    private void device(String node, String id, String kind) throws SQLException {
        update("INSERT INTO devices (node_id, id, kind, name, simulated, health) VALUES (?, ?, ?, ?, ?, 'ok')", node, id,
                kind, id, false);
    }

    private void stop(String id, String commune, String start, String end) throws SQLException {
        update("INSERT INTO van_stops (id, commune_id, place, weekday, ordinal, starts, ends, valid_from, created_at)"
                + " VALUES (?, ?, 'Place de la mairie', 'TUESDAY', 1, ?, ?, '2026-01-01', 0)", id, commune, start, end);
    }

    /** Epoch milliseconds of a Paris local time, "2026-12-01T10:00". */
    static long at(String parisLocal) {
        return LocalDateTime.parse(parisLocal).atZone(PARIS).toInstant().toEpochMilli();
    }

    /** A reading received when it was measured (the agent's clock synced). */
    void reading(String node, String device, String parisLocal, String metrics) throws SQLException {
        reading(node, device, at(parisLocal), at(parisLocal), true, metrics);
    }

    void reading(String node, String device, long receivedAt, long deviceTs, boolean synced, String metrics)
            throws SQLException {
        Object id = MessageIdColumn.of(connection).parameter(UUID.randomUUID());
        update("INSERT INTO telemetry (msg_id, node_id, device_id, seq, device_ts, clock_synced, received_at, health,"
                + " metrics) VALUES (?, ?, ?, ?, ?, ?, ?, 'ok', ?)", id, node, device, ++seq, deviceTs, synced,
                receivedAt, metrics);
    }

    static String probe(String link, Double latencyMs, double lossPercent, Double throughputMbps) {
        StringBuilder json = new StringBuilder("{\"link\":\"" + link + "\",\"targets\":3,\"lossPercent\":" + lossPercent);
        if (latencyMs != null) {
            json.append(",\"latencyMedianMs\":").append(latencyMs);
        }
        if (throughputMbps != null) {
            json.append(",\"throughputMbps\":").append(throughputMbps);
        }
        return json.append('}').toString();
    }

    /** Every row of connectivity_month, "commune month node link" to its columns. */
    Map<String, Map<String, Object>> rows() throws SQLException {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (Map<String, Object> row : select("SELECT commune_id, month, node_id, link, site_id, samples,"
                + " throughput_samples, latency_median_ms, loss_median_percent, throughput_median_mbps, histograms,"
                + " simulated FROM connectivity_month ORDER BY commune_id, month, node_id, link")) {
            rows.put(row.get("commune_id") + " " + row.get("month") + " " + row.get("node_id") + " " + row.get("link"),
                    row);
        }
        return rows;
    }

    /** connectivity_left_out, "month site reason" to readings. */
    Map<String, Long> leftOut() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map<String, Object> row : select("SELECT month, site_id, reason, readings FROM connectivity_left_out"
                + " ORDER BY month, site_id, reason")) {
            counts.put(row.get("month") + " " + row.get("site_id") + " " + row.get("reason"),
                    ((Number) row.get("readings")).longValue());
        }
        return counts;
    }

    List<Map<String, Object>> select(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement select = prepare(sql, parameters); ResultSet row = select.executeQuery()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (row.next()) {
                Map<String, Object> columns = new LinkedHashMap<>();
                for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                    columns.put(row.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), row.getObject(i));
                }
                rows.add(columns);
            }
            return rows;
        }
    }

    void update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement update = prepare(sql, parameters)) {
            update.executeUpdate();
        }
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
