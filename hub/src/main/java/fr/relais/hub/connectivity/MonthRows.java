package fr.relais.hub.connectivity;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step's readings grouped as {@code connectivity_month} rows (commune, month, node, link),
 * and the readings left out (per month, site and reason); written by merging into the stored
 * rows: a stored histogram plus the step's one, its medians computed again.
 */
final class MonthRows {
    static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    /** Why a reading is not in the table: the van between visits, a place without commune, a garbage reading, a
     * reading without any connectivity figure. */
    static final String OUTSIDE_VISITS = "outside_visits";
    static final String NO_COMMUNE = "no_commune";
    static final String UNREADABLE = "unreadable";
    /** Readable metrics of a probe device without any connectivity figure: not garbage, just not a probe reading. */
    static final String NO_FIGURES = "no_figures";
    private static final Logger LOG = LoggerFactory.getLogger(MonthRows.class);

    record Key(String commune, String month, String node, String link) {
    }

    record LeftKey(String month, String site, String reason) {
    }

    static final class Part {
        final String site;
        final LinkHistogram histogram = new LinkHistogram();
        long samples;
        long throughputSamples;

        Part(String site) {
            this.site = site;
        }
    }

    final Map<Key, Part> parts = new HashMap<>();
    final Map<LeftKey, Long> leftOut = new HashMap<>();

    static String month(long millis) {
        return YearMonth.from(Instant.ofEpochMilli(millis).atZone(ZONE)).toString();
    }

    void add(String commune, long at, String node, String site, ProbeReading reading) {
        Part part = parts.computeIfAbsent(new Key(commune, month(at), node, reading.link()), k -> new Part(site));
        reading.addTo(part.histogram);
        part.samples++;
        if (reading.throughputMbps() != null) {
            part.throughputSamples++;
        }
    }

    void leaveOut(long at, String site, String reason) {
        leftOut.merge(new LeftKey(month(at), site, reason), 1L, Long::sum);
    }

    long left(String reason) {
        return leftOut.entrySet().stream().filter(e -> e.getKey().reason().equals(reason))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Merges every row into the table, inside the transaction that moved the progress. */
    void write(ConnectivitySql sql) {
        for (Map.Entry<Key, Part> entry : parts.entrySet()) {
            Key key = entry.getKey();
            Part part = entry.getValue();
            Object[] where = {key.commune(), key.month(), key.node(), key.link()};
            var stored = sql.one("SELECT histograms, samples, throughput_samples FROM connectivity_month"
                    + " WHERE commune_id = ? AND month = ? AND node_id = ? AND link = ?",
                    row -> new Object[] {row.getString(1), row.getLong(2), row.getLong(3)}, where);
            LinkHistogram merged = new LinkHistogram().merge(part.histogram);
            long samples = part.samples;
            long throughputSamples = part.throughputSamples;
            if (stored.isPresent()) {
                try {
                    merged.merge(LinkHistogram.fromJson((String) stored.get()[0]));
                    samples += (Long) stored.get()[1];
                    throughputSamples += (Long) stored.get()[2];
                } catch (LinkHistogram.Unreadable e) {
                    LOG.warn("connectivity_month {}: {}; the row keeps the new readings only", key, e.getMessage());
                }
                sql.update("UPDATE connectivity_month SET site_id = ?, samples = ?, throughput_samples = ?,"
                        + " latency_median_ms = ?, loss_median_percent = ?, throughput_median_mbps = ?, histograms = ?"
                        + " WHERE commune_id = ? AND month = ? AND node_id = ? AND link = ?", part.site, samples,
                        throughputSamples, median(merged, LinkHistogram.Measure.LATENCY_MS),
                        median(merged, LinkHistogram.Measure.LOSS_PERCENT),
                        median(merged, LinkHistogram.Measure.THROUGHPUT_MBPS), merged.toJson(), key.commune(),
                        key.month(), key.node(), key.link());
            } else {
                sql.update("INSERT INTO connectivity_month (commune_id, month, node_id, link, site_id, samples,"
                        + " throughput_samples, latency_median_ms, loss_median_percent, throughput_median_mbps,"
                        + " histograms, simulated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", key.commune(),
                        key.month(), key.node(), key.link(), part.site, samples, throughputSamples,
                        median(merged, LinkHistogram.Measure.LATENCY_MS),
                        median(merged, LinkHistogram.Measure.LOSS_PERCENT),
                        median(merged, LinkHistogram.Measure.THROUGHPUT_MBPS), merged.toJson(), false);
            }
        }
        for (Map.Entry<LeftKey, Long> entry : leftOut.entrySet()) {
            LeftKey key = entry.getKey();
            // Sums only: ON CONFLICT … DO UPDATE with an addition is the same on SQLite and PostgreSQL.
            sql.update("INSERT INTO connectivity_left_out (month, site_id, reason, readings) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (month, site_id, reason) DO UPDATE SET readings"
                    + " = connectivity_left_out.readings + excluded.readings", key.month(), key.site(), key.reason(),
                    entry.getValue());
        }
    }

    /** Null when the measure has no reading (a JDBC NULL through setObject). */
    private static Double median(LinkHistogram histogram, LinkHistogram.Measure measure) {
        OptionalDouble median = histogram.median(measure);
        return median.isPresent() ? median.getAsDouble() : null;
    }
}
