package fr.relais.hub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.hub.TestDatabase;
import fr.relais.hub.cowork.ExampleCoworking;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.write.StoredTotals;
import fr.relais.hub.rollup.Housekeeping;
import fr.relais.hub.telemetry.RetentionSettings;
import fr.relais.hub.van.ExampleTerritory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The demo's simulated history on both engines: what the first start seeds (occupancy, broadband,
 * a born node's telemetry), all marked simulated and before the start; a second start that
 * changes nothing; a node seeded once, after its first birth and once the telemetry rollups
 * passed the start.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class ExampleHistoryTest {
    /** The hub's first start with history: a Sunday, 10:20 UTC (11:20 in Paris). */
    private static final Instant START = Instant.parse("2026-12-06T10:20:00Z");
    private static final long END_OF_TELEMETRY = Instant.parse("2026-12-06T10:00:00Z").toEpochMilli();
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final int DAYS = 10;

    @Parameter
    TestDatabase.Kind kind;

    private TestDatabase testDatabase;
    private Database database;
    private Connection sql;

    @BeforeEach
    void open(@TempDir Path dir) throws SQLException {
        testDatabase = TestDatabase.create(kind, dir);
        database = Database.open(testDatabase.url());
        sql = DriverManager.getConnection(testDatabase.url());
        Clock clock = Clock.fixed(START.minus(Duration.ofMinutes(1)), ZoneOffset.UTC);
        ExampleTerritory.loadIfEmpty(database, clock);
        ExampleCoworking.loadIfEmpty(database, clock);
    }

    @AfterEach
    void close() throws SQLException {
        sql.close();
        database.close();
        testDatabase.close();
    }

    @Test
    void theFirstStartSeedsEveryPlacesDaysBeforeItMarkedSimulated() throws Exception {
        birth("rozoy-pi", "rozoy", "mediation", "sonde-internet:probe", "imprimante-accueil:printer",
                "kiosk-accueil:kiosk");
        birth("spi-pi", "spi", "van", "sonde-4g:probe");

        runUntilDone(database, new ExampleHistory(DAYS, Clock.fixed(START, ZoneOffset.UTC)), START);

        assertThat(count("SELECT COUNT(*) FROM occupancy_hour WHERE simulated = FALSE")
                + count("SELECT COUNT(*) FROM occupancy_day WHERE simulated = FALSE")
                + count("SELECT COUNT(*) FROM connectivity_month WHERE simulated = FALSE")
                + count("SELECT COUNT(*) FROM telemetry_hour WHERE simulated = FALSE")
                + count("SELECT COUNT(*) FROM telemetry_minute WHERE simulated = FALSE")).as("all simulated").isZero();
        // Occupancy: the 10 whole local days before the start's, in opening hours only.
        assertThat(texts("SELECT DISTINCT local_day FROM occupancy_day WHERE site_id = 'rozoy' ORDER BY 1"))
                .as("Rozoy opens Tuesday to Saturday").containsExactly("2026-11-26", "2026-11-27", "2026-11-28",
                        "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05");
        assertThat(count("SELECT COUNT(*) FROM occupancy_hour WHERE site_id = 'montcornet' AND weekday = 3"))
                .as("Montcornet is closed on Wednesdays").isZero();
        assertThat(count("SELECT COUNT(*) FROM occupancy_hour WHERE site_id = 'rozoy' AND local_hour = 12"))
                .as("closed at lunch").isZero();
        assertThat(count("SELECT COUNT(*) FROM occupancy_hour WHERE site_id = 'spi'")).as("the van has no hours").isZero();
        assertThat(count("SELECT SUM(coworker_checkins) FROM occupancy_day WHERE site_id = 'rozoy-coworking'"))
                .isPositive();
        assertThat(count("SELECT SUM(room_minutes) FROM occupancy_day WHERE site_id = 'rozoy-coworking'"))
                .as("its two rooms").isPositive();
        assertThat(count("SELECT SUM(entries) FROM occupancy_hour")).isPositive()
                .isEqualTo(count("SELECT SUM(exits) FROM occupancy_hour"))
                .isEqualTo(count("SELECT SUM(entries) FROM occupancy_day"));
        assertThat(count("SELECT MAX(bucket_start) FROM occupancy_hour")).isLessThan(START.toEpochMilli());
        // Broadband: 13 months before December 2026, Rozoy on fibre, the van's 4G at its stops.
        assertThat(texts("SELECT month || ' ' || link || ' ' || commune_id FROM connectivity_month"
                + " WHERE node_id = 'rozoy-pi' ORDER BY month")).hasSize(13)
                .startsWith("2025-11 fibre rozoy-sur-serre").endsWith("2026-11 fibre rozoy-sur-serre");
        assertThat(texts("SELECT month || ' ' || link FROM connectivity_month WHERE node_id = 'spi-pi'"
                + " AND commune_id = 'dohis' AND month IN ('2026-02', '2026-03') ORDER BY 1"))
                .as("Dohis got its fibre in March 2026").containsExactly("2026-02 4g", "2026-02 adsl",
                        "2026-03 4g", "2026-03 fibre");
        assertThat(texts("SELECT id FROM communes WHERE roadmap = TRUE ORDER BY id"))
                .as("the roadmap's months are those of the example territory's roadmap communes")
                .containsExactlyInAnyOrderElementsOf(ConnectivitySeed.FIBRE_SINCE.keySet());
        assertThat(count("SELECT COUNT(*) FROM connectivity_month WHERE node_id = 'spi-pi' AND link IN ('adsl', 'fibre')"))
                .isEqualTo(13L * ConnectivitySeed.FIBRE_SINCE.size());
        assertThat(count("SELECT COUNT(DISTINCT commune_id) FROM connectivity_month WHERE node_id = 'spi-pi'"
                + " AND link = '4g'")).isEqualTo(count("SELECT COUNT(DISTINCT commune_id) FROM van_stops"));
        assertThat(texts("SELECT MAX(month) FROM connectivity_month")).containsExactly("2026-11");
        assertThat(count("SELECT COUNT(*) FROM connectivity_month WHERE latency_median_ms IS NULL"
                + " OR throughput_median_mbps IS NULL")).isZero();
        // Each row's histogram is one the broadband table can merge, and its medians are the row's.
        for (String text : texts("SELECT histograms || '|' || latency_median_ms || '|' || samples FROM connectivity_month"
                + " WHERE node_id = 'rozoy-pi' ORDER BY month")) {
            String[] parts = text.split("\\|");
            fr.relais.hub.connectivity.LinkHistogram histogram = fr.relais.hub.connectivity.LinkHistogram.fromJson(parts[0]);
            assertThat(histogram.count(fr.relais.hub.connectivity.LinkHistogram.Measure.LATENCY_MS))
                    .isEqualTo(Long.parseLong(parts[2]));
            assertThat(histogram.median(fr.relais.hub.connectivity.LinkHistogram.Measure.LATENCY_MS).orElseThrow())
                    .isCloseTo(Double.parseDouble(parts[1]), org.assertj.core.data.Offset.offset(1e-6));
        }
        // Telemetry: hours over 10 days, minutes over the last 2, for the metrics of the devices born.
        int metrics = 2 + 2 + 3; // the node's own, the printer's, the probe's; the kiosk has none
        assertThat(count("SELECT COUNT(*) FROM telemetry_hour WHERE node_id = 'rozoy-pi'")).isEqualTo(metrics * DAYS * 24);
        assertThat(count("SELECT COUNT(*) FROM telemetry_minute WHERE node_id = 'rozoy-pi'"))
                .as("a reading a minute, the probe's every 5").isEqualTo((2 + 2) * 2 * 1440 + 3 * 2 * 288);
        assertThat(count("SELECT MIN(bucket_start) FROM telemetry_hour")).isEqualTo(END_OF_TELEMETRY - DAYS * DAY);
        assertThat(count("SELECT MIN(bucket_start) FROM telemetry_minute")).isEqualTo(END_OF_TELEMETRY - 2 * DAY);
        assertThat(count("SELECT MAX(bucket_start) FROM telemetry_hour")).isLessThan(END_OF_TELEMETRY);
        assertThat(count("SELECT MAX(bucket_start) FROM telemetry_minute")).isLessThan(END_OF_TELEMETRY);
        assertThat(count("SELECT COUNT(*) FROM telemetry_hour WHERE node_id = 'spi-pi' AND metric = 'throughputMbps'"
                + " AND (min_value < 10 OR max_value > 80)")).as("the van's probe is on 4G").isZero();
        long hour = END_OF_TELEMETRY - 5 * 3_600_000L;
        assertThat(count("SELECT ROUND(sum_value) FROM telemetry_hour WHERE node_id = 'rozoy-pi'"
                + " AND device_id = '' AND metric = 'outboxDepth' AND bucket_start = " + hour))
                .as("an hour is its minutes").isEqualTo(count("SELECT ROUND(SUM(sum_value)) FROM telemetry_minute"
                        + " WHERE node_id = 'rozoy-pi' AND device_id = '' AND metric = 'outboxDepth'"
                        + " AND bucket_start >= " + hour + " AND bucket_start < " + (hour + 3_600_000L)));
        assertThat(texts("SELECT node_id || ' ' || seeded_from || ' ' || seeded_until FROM example_history ORDER BY 1"))
                .containsExactly("rozoy-pi " + (END_OF_TELEMETRY - DAYS * DAY) + " " + END_OF_TELEMETRY,
                        "spi-pi " + (END_OF_TELEMETRY - DAYS * DAY) + " " + END_OF_TELEMETRY);
        assertThat(count("SELECT loaded_at FROM example_content WHERE part = 'history'")).isEqualTo(START.toEpochMilli());
    }

    @Test
    void aSecondStartChangesNothingEvenWithMoreDays() throws Exception {
        birth("rozoy-pi", "rozoy", "mediation", "sonde-internet:probe", "imprimante-accueil:printer");
        runUntilDone(database, new ExampleHistory(DAYS, Clock.fixed(START, ZoneOffset.UTC)), START);
        List<String> before = snapshot();

        Instant later = START.plus(Duration.ofDays(3));
        try (Database restarted = Database.open(testDatabase.url())) {
            runUntilDone(restarted, new ExampleHistory(40, Clock.fixed(later, ZoneOffset.UTC)), later);
        }

        assertThat(snapshot()).isEqualTo(before);
        assertThat(count("SELECT loaded_at FROM example_content WHERE part = 'history'")).isEqualTo(START.toEpochMilli());
    }

    @Test
    void aNodeIsSeededOnceAfterItsFirstBirthAndOnlyOnceTheTelemetryRollupsPassedTheStart() throws Exception {
        ExampleHistory history = new ExampleHistory(DAYS, Clock.fixed(START, ZoneOffset.UTC));
        runUntilDone(database, history, START);
        assertThat(count("SELECT COUNT(*) FROM occupancy_day")).as("places first, no node yet").isPositive();
        assertThat(count("SELECT COUNT(*) FROM telemetry_hour") + count("SELECT COUNT(*) FROM example_history")).isZero();

        birth("montcornet-pi", "montcornet", "mediation", "sonde-internet:probe");
        // The job alone, the telemetry rollups not yet past the start: their hour rollup would read simulated minutes.
        setProgress("hour", END_OF_TELEMETRY - 3_600_000L);
        assertThat(history.run(database.housekeeping(), START.toEpochMilli(), 48)).isZero();
        assertThat(count("SELECT COUNT(*) FROM example_history")).isZero();
        setProgress("hour", END_OF_TELEMETRY);
        assertThat(history.run(database.housekeeping(), START.toEpochMilli(), 48)).isPositive();
        long seeded = count("SELECT COUNT(*) FROM telemetry_hour WHERE node_id = 'montcornet-pi'");
        assertThat(seeded).isEqualTo(5L * DAYS * 24);
        assertThat(texts("SELECT DISTINCT link FROM connectivity_month WHERE node_id = 'montcornet-pi'"))
                .as("Montcornet's ADSL").containsExactly("adsl");

        // Born again, with its simulated rows gone: nothing is seeded a second time.
        birth("montcornet-pi", "montcornet", "mediation", "sonde-internet:probe", "imprimante-accueil:printer");
        update("DELETE FROM telemetry_hour WHERE node_id = 'montcornet-pi'");
        assertThat(history.run(database.housekeeping(), START.plus(Duration.ofHours(2)).toEpochMilli(), 48)).isZero();
        assertThat(count("SELECT COUNT(*) FROM telemetry_hour")).isZero();
    }

    @Test
    void eachStepIsADayOfOccupancyOrAChunkOfANodesTelemetryInItsOwnTransaction() throws Exception {
        setProgress("hour", END_OF_TELEMETRY);
        birth("brunehamel-pi", "brunehamel", "mediation", "imprimante-accueil:printer");
        ExampleHistory history = new ExampleHistory(DAYS, Clock.fixed(START, ZoneOffset.UTC));

        assertThat(history.run(database.housekeeping(), START.toEpochMilli(), 1)).isEqualTo(1);
        assertThat(count("SELECT COUNT(DISTINCT local_day) FROM occupancy_hour")).isEqualTo(1);
        assertThat(texts("SELECT DISTINCT local_day FROM occupancy_hour")).containsExactly("2026-11-26");
        assertThat(history.run(database.housekeeping(), START.toEpochMilli(), DAYS - 1)).isEqualTo(DAYS - 1);
        assertThat(count("SELECT COUNT(*) FROM example_history")).as("the days first").isZero();

        // A first step (broadband and the node's row), then a week of hours, a day, and 2 days with their minutes.
        assertThat(history.run(database.housekeeping(), START.toEpochMilli(), 2)).isEqualTo(2);
        assertThat(count("SELECT seeded_until FROM example_history")).isEqualTo(END_OF_TELEMETRY - 3 * DAY);
        assertThat(count("SELECT COUNT(*) FROM telemetry_hour")).isEqualTo(4 * 7 * 24);
        assertThat(count("SELECT COUNT(*) FROM telemetry_minute")).isZero();
        assertThat(history.run(database.housekeeping(), START.toEpochMilli(), 48)).isEqualTo(3);
        assertThat(count("SELECT seeded_until FROM example_history")).isEqualTo(END_OF_TELEMETRY);
        assertThat(history.run(database.housekeeping(), START.toEpochMilli(), 48)).isZero();
    }

    @Test
    void noHistoryIsZeroDays() {
        assertThatThrownBy(() -> new ExampleHistory(0, Clock.systemUTC())).hasMessageContaining("--example-history");
    }

    /** Housekeeping runs at the clock's time until it has nothing left to do. */
    private static void runUntilDone(Database database, ExampleHistory history, Instant start) throws Exception {
        Housekeeping housekeeping = new Housekeeping(database, RetentionSettings.DEFAULT, new StoredTotals(),
                Clock.fixed(start.plus(Duration.ofMinutes(5)), ZoneOffset.UTC)).jobs(List.of(history));
        for (int run = 0; run < 20; run++) {
            if (housekeeping.run().periodsRolledUp() == 0) {
                return;
            }
        }
        throw new AssertionError("still seeding after 20 runs");
    }

    /** What a birth leaves: the site, the node born, its devices ("id:kind"). */
    private void birth(String node, String site, String siteKind, String... devices) throws SQLException {
        update("INSERT INTO sites (id, name, kind, updated_at) VALUES (?, ?, ?, 0) ON CONFLICT (id) DO NOTHING",
                site, site, siteKind);
        update("INSERT INTO nodes (id, site_id, state, bd_seq, last_birth_at) VALUES (?, ?, 'online', 1, ?)"
                + " ON CONFLICT (id) DO UPDATE SET last_birth_at = excluded.last_birth_at", node, site,
                START.toEpochMilli());
        update("DELETE FROM devices WHERE node_id = ?", node);
        for (String device : devices) {
            String[] idAndKind = device.split(":");
            update("INSERT INTO devices (node_id, id, kind, name, simulated, health) VALUES (?, ?, ?, ?, TRUE,"
                    + " 'unknown')", node, idAndKind[0], idAndKind[1], idAndKind[0]);
        }
    }

    private void setProgress(String resolution, long doneUntil) throws SQLException {
        update("UPDATE rollup_progress SET done_until = ? WHERE resolution = ?", doneUntil, resolution);
    }

    /** Each table's row count and sums, to compare two states of the database. */
    private List<String> snapshot() throws SQLException {
        List<String> state = new ArrayList<>();
        state.addAll(texts("SELECT COUNT(*) || ' ' || SUM(entries) || ' ' || SUM(exits) || ' ' || SUM(room_minutes)"
                + " FROM occupancy_hour"));
        state.addAll(texts("SELECT COUNT(*) || ' ' || SUM(entries) FROM occupancy_day"));
        state.addAll(texts("SELECT COUNT(*) || ' ' || SUM(samples) FROM connectivity_month"));
        state.addAll(texts("SELECT COUNT(*) || ' ' || ROUND(SUM(sum_value)) FROM telemetry_hour"));
        state.addAll(texts("SELECT COUNT(*) || ' ' || ROUND(SUM(sum_value)) FROM telemetry_minute"));
        state.addAll(texts("SELECT node_id || ' ' || seeded_from || ' ' || seeded_until FROM example_history"));
        return state;
    }

    private long count(String query) throws SQLException {
        try (PreparedStatement select = sql.prepareStatement(query); ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private List<String> texts(String query) throws SQLException {
        List<String> texts = new ArrayList<>();
        try (PreparedStatement select = sql.prepareStatement(query); ResultSet row = select.executeQuery()) {
            while (row.next()) {
                texts.add(row.getString(1));
            }
        }
        return texts;
    }

    private void update(String statement, Object... parameters) throws SQLException {
        try (PreparedStatement update = sql.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            update.executeUpdate();
        }
    }
}
