package fr.relais.bench.dashboard;

import fr.relais.broker.MosquittoProcess;
import fr.relais.hub.Hub;
import fr.relais.hub.auth.AuthSettings;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.MqttSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How long the dashboard's history answers take on years of history: the demo's simulated
 * history over {@code --years} seeded into a fresh database, a day of raw readings rolled up by
 * the hub's own jobs, then the hub started on it and each answer read {@code --runs} times through
 * its HTTP API with an admin token, as the browser reads them.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"The dashboard's heat map, broadband table and charts on years of simulated history.",
                "Prints: dashboard: db=… years=… occupancy_rows=… connectivity_rows=… telemetry_hour_rows=… seed_s=…"
                        + " rollup_day_ms=… heatmap_1y_ms_p50=… heatmap_2y_ms_p50=… heatmap_2y_ms_p95=… days_2y_ms_p50=…"
                        + " months_2y_ms_p50=… broadband_24m_ms_p50=… broadband_24m_ms_p95=… equipment_month_ms_p50=…"
                        + " territory_ms_p50=…"})
public final class DashboardBenchmark implements Callable<Integer> {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Option(names = "--years", defaultValue = "2", description = "Years of history, 1 or 2 (default ${DEFAULT-VALUE}).")
    int years;

    @Option(names = "--runs", defaultValue = "20", description = "Reads of each answer (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "An empty database to fill (default: a new SQLite file in a temporary folder).")
    String db;

    @Override
    public Integer call() throws Exception {
        if (years < 1 || years > 2 || runs < 1) {
            System.err.println("dashboard: --years is 1 or 2 (the rollups are kept 730 days) and --runs at least 1");
            return 2;
        }
        Path dir = Files.createTempDirectory("relais-bench-dashboard-");
        String url = db != null ? db : "jdbc:sqlite:" + dir.resolve("hub.db").toAbsolutePath();
        long now = System.currentTimeMillis();
        // Inside the 730-day rollup retention, or housekeeping would delete the oldest day mid-run.
        int days = years * 365 - 1;
        double seedSeconds;
        double rollupMillis;
        long occupancyRows;
        long connectivityRows;
        long telemetryHourRows;
        try (Database database = Database.open(url)) {
            DashboardData data = new DashboardData(database, now);
            seedSeconds = data.seed(days);
            rollupMillis = data.rollUpADay();
            occupancyRows = data.count("occupancy_hour");
            connectivityRows = data.count("connectivity_month");
            telemetryHourRows = data.count("telemetry_hour");
        }
        Path tokenFile = dir.resolve("admin-token");
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        AuthSettings auth = AuthSettings.withAdminPassword(Base64.getUrlEncoder().encodeToString(random))
                .withAdminTokenFile(tokenFile);
        try (MosquittoProcess broker = MosquittoProcess.start(dir.resolve("broker"));
             Hub hub = Hub.start(new HubConfig("127.0.0.1", 0, url,
                     new MqttSettings(broker.url(), "relais-bench-dashboard", Optional.empty(), Optional.empty()), auth))) {
            ApiTimer api = new ApiTimer(hub.httpPort(), Files.readString(tokenFile, StandardCharsets.UTF_8).trim(), runs);
            LocalDate today = LocalDate.now(PARIS);
            YearMonth month = YearMonth.now(PARIS);
            String site = "rozoy";
            ApiTimer.Figures heat1 = api.time("/api/occupancy/heatmap?site=" + site + "&from=" + today.minusDays(365)
                    + "&to=" + today);
            ApiTimer.Figures heat2 = api.time("/api/occupancy/heatmap?site=" + site + "&from=" + today.minusDays(days)
                    + "&to=" + today);
            ApiTimer.Figures days2 = api.time("/api/occupancy/days?site=" + site + "&from=" + today.minusDays(days)
                    + "&to=" + today);
            ApiTimer.Figures months2 = api.time("/api/occupancy/months?site=" + site + "&from="
                    + today.minusDays(days) + "&to=" + today);
            ApiTimer.Figures broadband = api.time("/api/connectivity?from=" + month.minusMonths(23) + "&to=" + month);
            ApiTimer.Figures equipment = api.time("/api/nodes/rozoy-pi/telemetry?device=sonde&resolution=hour&from="
                    + java.time.Instant.ofEpochMilli(now).minus(java.time.Duration.ofDays(30)) + "&to="
                    + java.time.Instant.ofEpochMilli(now));
            ApiTimer.Figures territory = api.time("/api/territory");
            System.out.printf(Locale.ROOT, "dashboard: db=%s years=%d occupancy_rows=%d connectivity_rows=%d"
                            + " telemetry_hour_rows=%d seed_s=%.1f rollup_day_ms=%.0f heatmap_1y_ms_p50=%.1f"
                            + " heatmap_2y_ms_p50=%.1f heatmap_2y_ms_p95=%.1f days_2y_ms_p50=%.1f months_2y_ms_p50=%.1f"
                            + " broadband_24m_ms_p50=%.1f broadband_24m_ms_p95=%.1f equipment_month_ms_p50=%.1f"
                            + " territory_ms_p50=%.1f%n",
                    url.startsWith("jdbc:postgresql") ? "postgresql" : "sqlite", years, occupancyRows, connectivityRows,
                    telemetryHourRows, seedSeconds, rollupMillis, heat1.p50(), heat2.p50(), heat2.p95(), days2.p50(),
                    months2.p50(), broadband.p50(), broadband.p95(), equipment.p50(), territory.p50());
        } catch (IllegalStateException e) {
            System.err.println("dashboard: " + e.getMessage() + " (files kept in " + dir + ")");
            return 1;
        }
        fr.relais.bench.WorkFolder.delete(dir);
        return 0;
    }
}
