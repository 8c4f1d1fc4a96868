package fr.relais.hub.connectivity;

import static fr.relais.hub.connectivity.ProbeData.DIZY;
import static fr.relais.hub.connectivity.ProbeData.DIZY_NODE;
import static fr.relais.hub.connectivity.ProbeData.LONELY;
import static fr.relais.hub.connectivity.ProbeData.LONELY_NODE;
import static fr.relais.hub.connectivity.ProbeData.VAN;
import static fr.relais.hub.connectivity.ProbeData.VAN_NODE;
import static fr.relais.hub.connectivity.ProbeData.at;
import static fr.relais.hub.connectivity.ProbeData.probe;
import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.TestDatabase;
import fr.relais.hub.connectivity.LinkHistogram.Measure;
import fr.relais.hub.db.Database;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Broadband per commune and month from the raw probe telemetry, on both databases. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class ConnectivityRollupTest {
    private static final long NOW = Instant.parse("2026-12-06T10:00:00Z").toEpochMilli();
    private static final String DIZY_DECEMBER = "dizy-le-gros 2026-12 " + DIZY_NODE + " adsl";

    @Parameter
    TestDatabase.Kind kind;

    private TestDatabase testDatabase;
    private Database database;
    private ProbeData data;

    @BeforeEach
    void open(@TempDir Path dir) throws SQLException {
        testDatabase = TestDatabase.create(kind, dir);
        database = Database.open(testDatabase.url());
        data = new ProbeData(database.coworking()).territory();
    }

    @AfterEach
    void close() throws SQLException {
        database.close();
        testDatabase.close();
    }

    private int rollUp(long now) throws SQLException {
        return new ConnectivityRollup().run(database.housekeeping(), now, 1000);
    }

    @Test
    void aMonthOfRawProbeReadingsIsOneRowWithItsMediansToOneBin() throws Exception {
        Random random = new Random(13);
        List<Double> latencies = new ArrayList<>();
        List<Double> throughputs = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            double latency = Math.round(Math.exp(Math.log(40) + 0.6 * random.nextGaussian()) * 10) / 10.0;
            Double throughput = i % 4 == 0 ? Math.round(Math.exp(Math.log(6) + 0.4 * random.nextGaussian()) * 10) / 10.0
                    : null;
            latencies.add(latency);
            if (throughput != null) {
                throughputs.add(throughput);
            }
            String day = String.format("2026-12-%02dT%02d:%02d", 1 + i % 5, 8 + i % 10, i % 60);
            data.reading(DIZY_NODE, "probe-adsl", day, probe("adsl", latency, i % 10 == 0 ? 20 : 0, throughput));
        }
        data.reading(DIZY_NODE, "probe-adsl", "2026-11-30T23:30", probe("adsl", 30.0, 0, null));

        assertThat(rollUp(NOW)).as("a day a step, from the first reading's minute").isGreaterThanOrEqualTo(6);

        Map<String, Map<String, Object>> rows = data.rows();
        assertThat(rows).containsOnlyKeys(DIZY_DECEMBER, "dizy-le-gros 2026-11 " + DIZY_NODE + " adsl");
        Map<String, Object> december = rows.get(DIZY_DECEMBER);
        assertThat(december.get("site_id")).isEqualTo(DIZY);
        assertThat(number(december, "samples")).isEqualTo(101);
        assertThat(number(december, "throughput_samples")).isEqualTo(throughputs.size());
        assertWithinOneBin(Measure.LATENCY_MS, number(december, "latency_median_ms"), latencies);
        assertWithinOneBin(Measure.THROUGHPUT_MBPS, number(december, "throughput_median_mbps"), throughputs);
        assertThat(number(december, "loss_median_percent")).as("nine in ten rounds lost nothing").isEqualTo(0);
        assertThat(flag(december.get("simulated"))).isFalse();
        assertThat(LinkHistogram.fromJson((String) december.get("histograms")).count(Measure.LATENCY_MS)).isEqualTo(101);
    }

    @Test
    void twoRunsCountEachReadingOnceAndALaterOneMergesIntoTheStoredRow() throws Exception {
        data.reading(DIZY_NODE, "probe-adsl", "2026-12-02T10:00", probe("adsl", 30.0, 0, 8.0));
        data.reading(DIZY_NODE, "probe-adsl", "2026-12-03T10:00", probe("adsl", 32.0, 0, null));
        rollUp(NOW);
        Map<String, Object> first = data.rows().get(DIZY_DECEMBER);

        assertThat(rollUp(NOW)).as("a second run at the same time").isZero();
        assertThat(data.rows().get(DIZY_DECEMBER)).isEqualTo(first);
        assertThat(number(first, "samples")).isEqualTo(2);

        long later = NOW + 3_600_000L;
        data.reading(DIZY_NODE, "probe-adsl", NOW + 60_000, NOW + 60_000, true, probe("adsl", 300.0, 50, 2.0));
        data.reading(DIZY_NODE, "probe-adsl", NOW + 120_000, NOW + 120_000, true, probe("adsl", 310.0, 50, 2.0));
        data.reading(DIZY_NODE, "probe-adsl", NOW + 180_000, NOW + 180_000, true, probe("adsl", 320.0, 50, null));
        assertThat(rollUp(later)).isEqualTo(1);

        Map<String, Object> merged = data.rows().get(DIZY_DECEMBER);
        assertThat(number(merged, "samples")).isEqualTo(5);
        assertThat(number(merged, "throughput_samples")).isEqualTo(3);
        assertThat(number(merged, "latency_median_ms")).as("300 ms is the middle of five").isBetween(300 / 1.05, 300 * 1.05);
        assertThat(number(merged, "throughput_median_mbps")).isBetween(2 / 1.05, 2 * 1.05);
    }

    @Test
    void theVanAtTwoStopsOfAMonthCountsInTwoCommunesAndBetweenThemInNone() throws Exception {
        data.reading(VAN_NODE, "probe-4g", "2026-12-01T09:30", probe("4g", 60.0, 0, 15.0));
        data.reading(VAN_NODE, "probe-4g", "2026-12-01T11:59", probe("4g", 70.0, 0, null));
        data.reading(VAN_NODE, "probe-4g", "2026-12-01T13:00", probe("4g", 80.0, 0, null));
        data.reading(VAN_NODE, "probe-4g", "2026-12-01T15:00", probe("4g", 90.0, 10, 4.0));
        // Measured at the stop, received after the dead zone: it counts where it was measured.
        data.reading(VAN_NODE, "probe-4g", at("2026-12-01T18:30"), at("2026-12-01T16:00"), true,
                probe("4g", 95.0, 0, null));
        // The visit of 3 November was cancelled: the van was not at Archon.
        data.reading(VAN_NODE, "probe-4g", "2026-11-03T10:00", probe("4g", 50.0, 0, null));

        rollUp(NOW);

        Map<String, Map<String, Object>> rows = data.rows();
        assertThat(rows).containsOnlyKeys("archon 2026-12 " + VAN_NODE + " 4g", "parfondeval 2026-12 " + VAN_NODE + " 4g");
        assertThat(number(rows.get("archon 2026-12 " + VAN_NODE + " 4g"), "samples")).isEqualTo(2);
        assertThat(number(rows.get("parfondeval 2026-12 " + VAN_NODE + " 4g"), "samples")).isEqualTo(2);
        assertThat(rows.get("parfondeval 2026-12 " + VAN_NODE + " 4g").get("site_id")).isEqualTo(VAN);
        assertThat(data.leftOut()).containsExactly(Map.entry("2026-11 " + VAN + " outside_visits", 1L),
                Map.entry("2026-12 " + VAN + " outside_visits", 1L));
    }

    @Test
    void aLinkChangedMidMonthGivesTwoRows() throws Exception {
        data.reading(DIZY_NODE, "probe-adsl", "2026-12-01T10:00", probe("adsl", 45.0, 0, 6.0));
        data.reading(DIZY_NODE, "probe-adsl", "2026-12-04T10:00", probe("fibre", 4.0, 0, 450.0));
        data.reading(DIZY_NODE, "probe-adsl", "2026-12-05T10:00", probe("fibre", 5.0, 0, 480.0));

        rollUp(NOW);

        Map<String, Map<String, Object>> rows = data.rows();
        assertThat(rows).containsOnlyKeys(DIZY_DECEMBER, "dizy-le-gros 2026-12 " + DIZY_NODE + " fibre");
        assertThat(number(rows.get(DIZY_DECEMBER), "samples")).isEqualTo(1);
        assertThat(number(rows.get("dizy-le-gros 2026-12 " + DIZY_NODE + " fibre"), "throughput_median_mbps"))
                .isBetween(450 / 1.05, 450 * 1.05);
    }

    @Test
    void readingsOfOtherDevicesAndOfTheNodeItselfAreIgnored() throws Exception {
        data.reading(DIZY_NODE, "printer", "2026-12-02T10:00", probe("adsl", 30.0, 0, 8.0));
        data.reading(DIZY_NODE, null, "2026-12-02T10:00", "{\"cpuTemperatureC\":51,\"latencyMedianMs\":3}");
        data.reading(DIZY_NODE, "probe-adsl", "2026-12-02T11:00", probe("adsl", 30.0, 0, null));

        rollUp(NOW);

        assertThat(data.rows()).containsOnlyKeys(DIZY_DECEMBER);
        assertThat(number(data.rows().get(DIZY_DECEMBER), "samples")).isEqualTo(1);
        assertThat(data.leftOut()).isEmpty();
    }

    @Test
    void aGarbageReadingIsSkippedAndCountedAndTheOthersStillCount() throws Exception {
        data.reading(DIZY_NODE, "probe-adsl", "2026-12-02T10:00", "not json at all");
        data.reading(DIZY_NODE, "probe-adsl", "2026-12-02T10:01", "[1,2,3]");
        data.reading(DIZY_NODE, "probe-adsl", "2026-12-02T10:02", "{\"link\":\"adsl\",\"lossPercent\":\"lots\"}");
        // A figure out of its range is not counted; the others of the reading are.
        data.reading(DIZY_NODE, "probe-adsl", "2026-12-02T10:03", "{\"link\":\"dsl?\",\"lossPercent\":250,"
                + "\"latencyMedianMs\":33}");
        data.reading(DIZY_NODE, "probe-adsl", "2026-12-02T10:04", probe("adsl", 31.0, 0, null));
        data.reading(LONELY_NODE, "probe", "2026-12-02T10:05", probe("fibre", 3.0, 0, null));
        // Readable metrics without any connectivity figure (the bench's simulated probes): not garbage.
        data.reading(DIZY_NODE, "probe-adsl", "2026-12-02T10:06", "{\"temperatureC\":21.5}");
        data.reading(DIZY_NODE, "probe-adsl", "2026-12-02T10:07", "{\"link\":\"adsl\"}");

        rollUp(NOW);

        assertThat(data.rows()).containsOnlyKeys(DIZY_DECEMBER, "dizy-le-gros 2026-12 " + DIZY_NODE + " unknown");
        assertThat(number(data.rows().get(DIZY_DECEMBER), "samples")).isEqualTo(1);
        Map<String, Object> unknown = data.rows().get("dizy-le-gros 2026-12 " + DIZY_NODE + " unknown");
        assertThat(unknown.get("loss_median_percent")).isNull();
        assertThat(number(unknown, "latency_median_ms")).isBetween(33 / 1.05, 33 * 1.05);
        assertThat(data.leftOut()).containsExactly(Map.entry("2026-12 " + DIZY + " no_figures", 2L),
                Map.entry("2026-12 " + DIZY + " unreadable", 3L), Map.entry("2026-12 " + LONELY + " no_commune", 1L));
    }

    @Test
    void aStoredHistogramThatIsGarbageGivesWayToTheNewReadings() throws Exception {
        data.update("INSERT INTO connectivity_month (commune_id, month, node_id, link, site_id, samples,"
                + " throughput_samples, histograms) VALUES ('dizy-le-gros', '2026-12', ?, 'adsl', ?, 40, 0, 'garbage')",
                DIZY_NODE, DIZY);
        data.reading(DIZY_NODE, "probe-adsl", "2026-12-02T10:00", probe("adsl", 30.0, 0, null));

        rollUp(NOW);

        Map<String, Object> row = data.rows().get(DIZY_DECEMBER);
        assertThat(number(row, "samples")).isEqualTo(1);
        assertThat(LinkHistogram.fromJson((String) row.get("histograms")).count(Measure.LATENCY_MS)).isEqualTo(1);
    }

    private static void assertWithinOneBin(Measure measure, double median, List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        double lower = sorted.get((sorted.size() - 1) / 2);
        double upper = sorted.get(sorted.size() / 2);
        assertThat(measure.bin(median)).as("%s median %s, exact between %s and %s", measure, median, lower, upper)
                .isBetween(measure.bin(lower) - 1, measure.bin(upper) + 1);
    }

    private static double number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).doubleValue();
    }

    private static boolean flag(Object value) {
        return value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
    }
}
