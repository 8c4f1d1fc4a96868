package fr.relais.hub.demo;

import fr.relais.hub.connectivity.LinkHistogram;
import fr.relais.hub.connectivity.LinkHistogram.Measure;
import fr.relais.hub.demo.HistoryProfiles.Link;
import fr.relais.hub.demo.HistoryProfiles.ProbeReading;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Thirteen months of simulated broadband for a node with a probe, before the month of the start
 * (so that no month is shared with the real rollup): a place's node at its commune on its own
 * link; the van's node on 4G at every commune of its tour, and, at the communes of the broadband
 * roadmap, the town hall's fixed line it is plugged into while parked, ADSL until the month the
 * fibre came. Each row carries a real histogram of its simulated readings (spread around the
 * month's medians), so the broadband table merges simulated months as it merges measured ones,
 * and its median columns are that histogram's.
 */
final class ConnectivitySeed {
    static final int MONTHS = 13;
    /** The roadmap's communes and the month each one's fibre came (the last one is still to come). */
    static final Map<String, YearMonth> FIBRE_SINCE = Map.of(
            "parfondeval", YearMonth.of(2026, 1),
            "dohis", YearMonth.of(2026, 3),
            "archon", YearMonth.of(2026, 4),
            "cuiry-les-iviers", YearMonth.of(2026, 6),
            "grandrieux", YearMonth.of(2026, 7),
            "resigny", YearMonth.of(2026, 9),
            "clermont-les-fermes", YearMonth.of(2026, 10),
            "la-ville-aux-bois-les-dizy", YearMonth.of(2027, 2));
    /** A probe every 5 minutes all month at a place; about 3 hours a month at a van stop. */
    private static final int READINGS_PER_DAY = 288;
    private static final int READINGS_PER_VISIT = 36;

    private ConnectivitySeed() {
    }

    /** The rows of a place's node; none if the place has no commune. Returns the rows written. */
    static int place(HistorySql sql, String node, String site, Link link, YearMonth startMonth) {
        List<String> commune = sql.query("SELECT commune_id FROM places WHERE site_id = ? AND commune_id IS NOT NULL",
                row -> row.getString(1), site);
        if (commune.isEmpty()) {
            return 0;
        }
        List<Object[]> rows = new ArrayList<>();
        for (YearMonth month = startMonth.minusMonths(MONTHS); month.isBefore(startMonth); month = month.plusMonths(1)) {
            int samples = month.lengthOfMonth() * READINGS_PER_DAY;
            rows.add(row(commune.get(0), month, node, link, site, samples, month.lengthOfMonth() * 6));
        }
        return insert(sql, rows);
    }

    /** The rows of the van's node at the communes of its tour. */
    static int van(HistorySql sql, String node, String site, YearMonth startMonth) {
        List<String> communes = sql.query("SELECT DISTINCT commune_id FROM van_stops ORDER BY commune_id",
                row -> row.getString(1));
        List<Object[]> rows = new ArrayList<>();
        for (String commune : communes) {
            for (YearMonth month = startMonth.minusMonths(MONTHS); month.isBefore(startMonth);
                 month = month.plusMonths(1)) {
                rows.add(row(commune, month, node, Link.FOUR_G, site, READINGS_PER_VISIT, 1));
                YearMonth fibre = FIBRE_SINCE.get(commune);
                if (fibre != null) {
                    rows.add(row(commune, month, node, month.isBefore(fibre) ? Link.ADSL : Link.FIBRE, site,
                            READINGS_PER_VISIT, 1));
                }
            }
        }
        return insert(sql, rows);
    }

    private static Object[] row(String commune, YearMonth month, String node, Link link, String site, long samples,
                                long throughputSamples) {
        long seed = HistoryProfiles.seed(node, commune, month.toString(), link.wire());
        ProbeReading medians = HistoryProfiles.monthMedians(link, seed);
        LinkHistogram histogram = histogram(medians, samples, throughputSamples, seed);
        return new Object[] {commune, month.toString(), node, link.wire(), site, samples, throughputSamples,
                histogram.median(Measure.LATENCY_MS).orElse(medians.latencyMs()),
                histogram.median(Measure.LOSS_PERCENT).orElse(medians.lossPercent()),
                histogram.median(Measure.THROUGHPUT_MBPS).orElse(medians.throughputMbps()), histogram.toJson()};
    }

    /** The month's readings, spread around its medians (log-normal for latency and throughput). */
    static LinkHistogram histogram(ProbeReading medians, long samples, long throughputSamples, long seed) {
        Random random = new Random(seed);
        LinkHistogram histogram = new LinkHistogram();
        for (long i = 0; i < samples; i++) {
            histogram.add(Measure.LATENCY_MS, medians.latencyMs() * Math.exp(random.nextGaussian() * 0.2));
            double loss = medians.lossPercent() + random.nextGaussian() * medians.lossPercent() / 2;
            histogram.add(Measure.LOSS_PERCENT, Math.max(0, loss));
        }
        for (long i = 0; i < throughputSamples; i++) {
            histogram.add(Measure.THROUGHPUT_MBPS, medians.throughputMbps() * Math.exp(random.nextGaussian() * 0.15));
        }
        return histogram;
    }

    private static int insert(HistorySql sql, List<Object[]> rows) {
        return sql.batch("INSERT INTO connectivity_month (commune_id, month, node_id, link, site_id, samples,"
                + " throughput_samples, latency_median_ms, loss_median_percent, throughput_median_mbps, histograms,"
                + " simulated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE)"
                + " ON CONFLICT (commune_id, month, node_id, link) DO NOTHING", rows);
    }
}
