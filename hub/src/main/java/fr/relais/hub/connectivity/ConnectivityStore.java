package fr.relais.hub.connectivity;

import fr.relais.hub.db.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code connectivity_month} for the API: the rows of a range of months, optionally of one
 * commune, optionally limited to what a site-scoped account sees, and the readings left out.
 * Blocks on JDBC: never call it on the event loop.
 */
public final class ConnectivityStore {
    private static final String COLUMNS = "SELECT c.commune_id, co.name, c.month, c.node_id, c.site_id, c.link,"
            + " c.samples, c.throughput_samples, c.latency_median_ms, c.loss_median_percent, c.throughput_median_mbps,"
            + " c.simulated, co.roadmap, c.histograms FROM connectivity_month c"
            + " LEFT JOIN communes co ON co.id = c.commune_id WHERE c.month >= ? AND c.month <= ?";

    /** One row of the table, its medians as stored and its histograms for the commune's summary. */
    public record Row(String commune, String communeName, String month, String node, String site, String link,
                      long samples, long throughputSamples, Double latencyMedianMs, Double lossMedianPercent,
                      Double throughputMedianMbps, boolean simulated, boolean roadmap, String histograms) {
    }

    /** What a site-scoped account sees: its site's commune (null when none) and its site's own rows. */
    public record Scope(String commune, String site) {
    }

    private final ConnectivitySql sql;

    /** On the places' connection: the communes and places it joins live there too. */
    public ConnectivityStore(Database database) {
        this.sql = new ConnectivitySql(database.coworking());
    }

    /** @param scope null for everything */
    public List<Row> rows(String fromMonth, String toMonth, String commune, Scope scope) {
        StringBuilder query = new StringBuilder(COLUMNS);
        List<Object> parameters = new ArrayList<>(List.of(fromMonth, toMonth));
        if (commune != null) {
            query.append(" AND c.commune_id = ?");
            parameters.add(commune);
        }
        if (scope != null) {
            query.append(" AND (c.commune_id = ? OR c.site_id = ?)");
            parameters.add(scope.commune() == null ? "" : scope.commune());
            parameters.add(scope.site());
        }
        query.append(" ORDER BY c.month, co.name, c.commune_id, c.node_id, c.link");
        return sql.query(query.toString(), row -> new Row(row.getString(1), row.getString(2) == null
                ? row.getString(1) : row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), row.getLong(7), row.getLong(8), nullableDouble(row, 9), nullableDouble(row, 10),
                nullableDouble(row, 11), row.getBoolean(12), row.getBoolean(13), row.getString(14)),
                parameters.toArray());
    }

    public boolean communeExists(String commune) {
        return sql.one("SELECT 1 FROM communes WHERE id = ?", row -> true, commune).isPresent();
    }

    /** The commune of a site's place, if it has one. */
    public Optional<String> communeOf(String site) {
        return sql.one("SELECT commune_id FROM places WHERE site_id = ? AND commune_id IS NOT NULL",
                row -> row.getString(1), site);
    }

    /** Readings left out in the months, per reason; of one site only when {@code site} is not null. */
    public Map<String, Long> leftOut(String fromMonth, String toMonth, String site) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String reason : List.of(MonthRows.OUTSIDE_VISITS, MonthRows.NO_COMMUNE, MonthRows.UNREADABLE,
                MonthRows.NO_FIGURES)) {
            counts.put(reason, 0L);
        }
        sql.query("SELECT reason, SUM(readings) FROM connectivity_left_out WHERE month >= ? AND month <= ?"
                + (site == null ? "" : " AND site_id = ?") + " GROUP BY reason",
                row -> Map.entry(row.getString(1), row.getLong(2)),
                site == null ? new Object[] {fromMonth, toMonth} : new Object[] {fromMonth, toMonth, site})
                .forEach(reason -> counts.put(reason.getKey(), reason.getValue()));
        return counts;
    }

    private static Double nullableDouble(java.sql.ResultSet row, int column) throws java.sql.SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }
}
