package fr.relais.bench.dashboard;

import fr.relais.hub.connectivity.ConnectivityRollup;
import fr.relais.hub.db.Database;
import fr.relais.hub.db.MessageIdColumn;
import fr.relais.hub.demo.ExampleHistory;
import fr.relais.hub.occupancy.OccupancyRollup;
import fr.relais.hub.rollup.Housekeeping;
import fr.relais.hub.van.ExampleTerritory;
import fr.relais.hub.ingest.write.StoredTotals;
import fr.relais.hub.telemetry.RetentionSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * What the dashboard bench reads: the example territory with the demo's six nodes registered as
 * their births would, the demo's simulated history over the years asked (occupancy per hour for
 * every place, telemetry per hour per node), broadband stretched to 24 months, then a day of raw
 * events and probe readings rolled up by the hub's own jobs.
 */
final class DashboardData {
    /** The demo's nodes (provisioning/examples/territoire.yaml): site, node, site kind. */
    static final String[][] NODES = {{"rozoy", "rozoy-pi", "mediation"}, {"montcornet", "montcornet-pi", "mediation"},
        {"dizy-le-gros", "dizy-pi", "mediation"}, {"brunehamel", "brunehamel-pi", "mediation"},
        {"rozoy-coworking", "rozoy-coworking-pi", "coworking"}, {"spi", "spi-pi", "van"}};
    private static final String[][] DEVICES = {{"sonde", "probe"}, {"imprimante", "printer"},
        {"compteur", "presence-sensor"}};

    private final Database database;
    private final long now;

    DashboardData(Database database, long now) {
        this.database = database;
        this.now = now;
    }

    /** Seeds everything but the raw day; returns the seconds the simulated history took. */
    double seed(int days) throws SQLException, InterruptedException {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC);
        ExampleTerritory.loadIfEmpty(database, clock);
        registerNodes();
        // The telemetry rollups start at "now" (no raw reading yet): the history may be written before.
        new Housekeeping(database, RetentionSettings.DEFAULT, new StoredTotals(), clock).run();
        long started = System.nanoTime();
        ExampleHistory history = new ExampleHistory(days, Clock.offset(clock, Duration.ofHours(-1)));
        Connection connection = database.housekeeping();
        while (history.run(connection, now, Integer.MAX_VALUE) > 0) {
            // a run stops at a node whose progress another run moved: run again until nothing is left
        }
        stretchBroadband(connection);
        return (System.nanoTime() - started) / 1e9;
    }

    /** A day of raw entrance events and minute probe readings, then the hub's rollups; returns its milliseconds. */
    double rollUpADay() throws SQLException {
        Connection connection = database.housekeeping();
        Random random = new Random(7);
        long from = now - Duration.ofHours(26).toMillis();
        long seq = 1;
        MessageIdColumn ids = MessageIdColumn.of(connection); // telemetry's ids are 16 bytes since V16
        try (PreparedStatement event = connection.prepareStatement("INSERT INTO events (msg_id, node_id, device_id,"
                + " seq, device_ts, clock_synced, received_at, type, severity, message, data)"
                + " VALUES (?, ?, 'compteur', ?, ?, TRUE, ?, ?, 'info', 'passage', '{}')");
             PreparedStatement reading = connection.prepareStatement("INSERT INTO telemetry (msg_id, node_id, device_id,"
                     + " seq, device_ts, clock_synced, received_at, health, metrics) VALUES (?, ?, 'sonde', ?, ?, TRUE, ?,"
                     + " 'ok', ?)")) {
            for (String[] node : NODES) {
                for (int i = 0; i < 400; i++) {
                    long at = from + (long) (random.nextDouble() * Duration.ofHours(24).toMillis());
                    event.setString(1, UUID.randomUUID().toString());
                    event.setString(2, node[1]);
                    event.setLong(3, seq++);
                    event.setLong(4, at);
                    event.setLong(5, at);
                    event.setString(6, i % 2 == 0 ? "entry" : "exit");
                    event.addBatch();
                }
                for (int minute = 0; minute < 24 * 60; minute++) {
                    long at = from + minute * 60_000L;
                    ids.bind(reading, 1, UUID.randomUUID());
                    reading.setString(2, node[1]);
                    reading.setLong(3, seq++);
                    reading.setLong(4, at);
                    reading.setLong(5, at);
                    reading.setString(6, "{\"link\":\"" + ("spi".equals(node[0]) ? "4g" : "adsl")
                            + "\",\"latencyMedianMs\":" + (20 + random.nextInt(40)) + ",\"lossPercent\":"
                            + random.nextInt(3) + (minute % 60 == 0 ? ",\"throughputMbps\":" + (5 + random.nextInt(20))
                            : "") + "}");
                    reading.addBatch();
                }
            }
            event.executeBatch();
            reading.executeBatch();
            connection.commit();
        }
        long started = System.nanoTime();
        Housekeeping housekeeping = new Housekeeping(database, RetentionSettings.DEFAULT, new StoredTotals(),
                Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC))
                .jobs(List.of(new OccupancyRollup(), new ConnectivityRollup()));
        try {
            while (housekeeping.run().periodsRolledUp() > 0) {
                // steps are bounded per run: go on until the day is rolled up
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (System.nanoTime() - started) / 1e6;
    }

    long count(String table) throws SQLException {
        Connection connection = database.housekeeping();
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        } finally {
            connection.commit();
        }
    }

    private void registerNodes() throws SQLException {
        Connection connection = database.housekeeping();
        try (PreparedStatement site = connection.prepareStatement("INSERT INTO sites (id, name, kind, updated_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING");
             PreparedStatement node = connection.prepareStatement("INSERT INTO nodes (id, site_id, state, last_birth_at,"
                     + " last_state_at, last_seen) VALUES (?, ?, 'online', ?, ?, ?) ON CONFLICT (id) DO NOTHING");
             PreparedStatement device = connection.prepareStatement("INSERT INTO devices (node_id, id, kind, name,"
                     + " simulated, health, metrics, last_seen) VALUES (?, ?, ?, ?, TRUE, 'ok', '{}', ?)"
                     + " ON CONFLICT (node_id, id) DO NOTHING")) {
            for (String[] n : NODES) {
                site.setString(1, n[0]);
                site.setString(2, "Lieu " + n[0]);
                site.setString(3, n[2]);
                site.setLong(4, now);
                site.executeUpdate();
                node.setString(1, n[1]);
                node.setString(2, n[0]);
                node.setLong(3, now);
                node.setLong(4, now);
                node.setLong(5, now);
                node.executeUpdate();
                for (String[] d : DEVICES) {
                    device.setString(1, n[1]);
                    device.setString(2, d[0]);
                    device.setString(3, d[1]);
                    device.setString(4, d[0]);
                    device.setLong(5, now);
                    device.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    /** The history's 13 months of broadband, copied a year back: 24 months (and more) to read. */
    private static void stretchBroadband(Connection connection) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT commune_id, month, node_id, link, site_id,"
                + " samples, throughput_samples, latency_median_ms, loss_median_percent, throughput_median_mbps,"
                + " histograms FROM connectivity_month");
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                Object[] values = new Object[11];
                for (int i = 0; i < 11; i++) {
                    values[i] = row.getObject(i + 1);
                }
                values[1] = YearMonth.parse(row.getString(2)).minusMonths(12).toString();
                rows.add(values);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO connectivity_month (commune_id, month,"
                + " node_id, link, site_id, samples, throughput_samples, latency_median_ms, loss_median_percent,"
                + " throughput_median_mbps, histograms, simulated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE)"
                + " ON CONFLICT (commune_id, month, node_id, link) DO NOTHING")) {
            for (Object[] values : rows) {
                for (int i = 0; i < values.length; i++) {
                    insert.setObject(i + 1, values[i]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }
}
