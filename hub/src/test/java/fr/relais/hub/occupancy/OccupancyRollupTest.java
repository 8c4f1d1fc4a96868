package fr.relais.hub.occupancy;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.TestDatabase;
import fr.relais.hub.db.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The occupancy rollup on both engines: what counts and where (device time when synchronised,
 * reception otherwise), each event once whatever the runs and hubs, garbage left out.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class OccupancyRollupTest {
    /** Tuesday 1 December 2026, 09:00 in Paris. */
    private static final Instant NINE = Instant.parse("2026-12-01T08:00:00Z");
    private static final String ROZOY = "rozoy";
    private static final String MONTCORNET = "montcornet";

    @Parameter
    TestDatabase.Kind kind;

    private TestDatabase testDatabase;
    private Database database;
    private final OccupancyRollup rollup = new OccupancyRollup();
    private long seq;

    @BeforeEach
    void open(@TempDir Path dir) throws SQLException {
        testDatabase = TestDatabase.create(kind, dir);
        database = Database.open(testDatabase.url());
        write("INSERT INTO sites (id, name, kind, updated_at) VALUES (?, ?, 'mediation', 0)", ROZOY, "Rozoy");
        write("INSERT INTO sites (id, name, kind, updated_at) VALUES (?, ?, 'coworking', 0)", MONTCORNET, "Montcornet");
        write("INSERT INTO nodes (id, site_id, state) VALUES ('rozoy-pi', ?, 'online')", ROZOY);
        write("INSERT INTO nodes (id, site_id, state) VALUES ('montcornet-pi', ?, 'online')", MONTCORNET);
    }

    @AfterEach
    void close() throws SQLException {
        database.close();
        testDatabase.close();
    }

    @Test
    void countsEntriesExitsRoomMinutesAndCheckInsPerPlaceAndLocalHour() throws Exception {
        for (int i = 0; i < 3; i++) {
            event("rozoy-pi", "entry", NINE.plusSeconds(600 + i), true, NINE.plusSeconds(601 + i),
                    "{\"present\":" + (i + 1) + ",\"entries\":" + (i + 1) + ",\"exits\":0}");
        }
        event("rozoy-pi", "exit", NINE.plusSeconds(3900), true, NINE.plusSeconds(3901), "{\"present\":2}");
        event("rozoy-pi", "exit", NINE.plusSeconds(3950), true, NINE.plusSeconds(3951), "{\"present\":1}");
        event("rozoy-pi", "room-free", NINE.plusSeconds(7300), true, NINE.plusSeconds(7301),
                "{\"room\":\"Salle 1\",\"occupiedMinutes\":45}");
        // Freed at 00:10 on the 2nd after 20 minutes: 10 minutes on each local day.
        Instant midnight = Instant.parse("2026-12-01T23:10:30Z");
        event("rozoy-pi", "room-free", midnight, true, midnight, "{\"room\":\"Salle 2\",\"occupiedMinutes\":20}");
        // Not counted: the day's reset, a room becoming occupied, a printer's event.
        event("rozoy-pi", "people-count-reset", NINE.plusSeconds(7400), true, NINE.plusSeconds(7401), "{\"entries\":3}");
        event("rozoy-pi", "room-occupied", NINE.plusSeconds(7400), true, NINE.plusSeconds(7401), "{\"room\":\"Salle 1\"}");
        event("rozoy-pi", "paper-out", NINE.plusSeconds(7400), true, NINE.plusSeconds(7401), "{}");
        // Coworking: a door without direction is an entrance; an exit is not a check-in; the kiosk's entry is.
        event("montcornet-pi", "access-granted", NINE.plusSeconds(60), true, NINE.plusSeconds(61), "{\"door\":\"porte\"}");
        event("montcornet-pi", "access-granted", NINE.plusSeconds(120), true, NINE.plusSeconds(121),
                "{\"direction\":\"exit\"}");
        event("montcornet-pi", "coworking-checkin", NINE.plusSeconds(180), true, NINE.plusSeconds(181),
                "{\"direction\":\"entry\"}");
        event("montcornet-pi", "coworking-checkin", NINE.plusSeconds(240), true, NINE.plusSeconds(241),
                "{\"direction\":\"exit\"}");
        event("montcornet-pi", "access-denied", NINE.plusSeconds(300), true, NINE.plusSeconds(301), "{}");
        event("montcornet-pi", "entry", NINE.plusSeconds(360), true, NINE.plusSeconds(361), "{}");

        assertThat(run(NINE.plus(Duration.ofDays(1)))).as("the first event's reception to a day later: one step")
                .isEqualTo(1);

        // The room freed at 10:01:40 UTC after 45 minutes: 44 minutes from 09:16 in the 09:00 UTC hour, 1 after.
        assertThat(hours(ROZOY)).containsExactly(
                "2026-12-01 09h wd2 " + NINE.toEpochMilli() + ": 3 0 0 0",
                "2026-12-01 10h wd2 " + NINE.plusSeconds(3600).toEpochMilli() + ": 0 2 44 0",
                "2026-12-01 11h wd2 " + NINE.plusSeconds(7200).toEpochMilli() + ": 0 0 1 0",
                "2026-12-01 23h wd2 " + Instant.parse("2026-12-01T22:00:00Z").toEpochMilli() + ": 0 0 10 0",
                "2026-12-02 00h wd3 " + Instant.parse("2026-12-01T23:00:00Z").toEpochMilli() + ": 0 0 10 0");
        assertThat(days(ROZOY)).containsExactly("2026-12-01 2026-12: 3 2 55 0", "2026-12-02 2026-12: 0 0 10 0");
        assertThat(hours(MONTCORNET)).containsExactly("2026-12-01 09h wd2 " + NINE.toEpochMilli() + ": 1 0 0 2");
        assertThat(days(MONTCORNET)).containsExactly("2026-12-01 2026-12: 1 0 0 2");
        assertThat(rollup.skipped()).isZero();
    }

    @Test
    void aLateReplayIsAddedToItsRealHourAndAnUnsyncedClockCountsAtReception() throws Exception {
        event("rozoy-pi", "entry", NINE.plusSeconds(60), true, NINE.plusSeconds(61), "{}");
        run(NINE.plus(Duration.ofHours(6)));
        assertThat(days(ROZOY)).containsExactly("2026-12-01 2026-12: 1 0 0 0");

        // Replayed the next day after an outage: the clock was synchronised, so it is 09:30 on the 1st.
        Instant nextDay = NINE.plus(Duration.ofDays(1));
        event("rozoy-pi", "entry", NINE.plusSeconds(1800), true, nextDay, "{}");
        // A node whose clock is not synchronised says it is 1970: counted when the hub received it.
        event("rozoy-pi", "entry", Instant.parse("1970-01-01T00:00:05Z"), false, nextDay.plusSeconds(60), "{}");
        run(nextDay.plus(Duration.ofHours(1)));

        assertThat(hours(ROZOY)).containsExactly(
                "2026-12-01 09h wd2 " + NINE.toEpochMilli() + ": 2 0 0 0",
                "2026-12-02 09h wd3 " + nextDay.toEpochMilli() + ": 1 0 0 0");
        assertThat(days(ROZOY)).containsExactly("2026-12-01 2026-12: 2 0 0 0", "2026-12-02 2026-12: 1 0 0 0");
    }

    @Test
    void twoRunsCountOnceAndWhatIsStillSettlingWaitsForTheNextRun() throws Exception {
        event("rozoy-pi", "entry", NINE, true, NINE, "{}");
        // Received a minute before the run: it may still be in a batch of another hub, so it waits.
        Instant now = NINE.plus(Duration.ofHours(1));
        event("rozoy-pi", "entry", now.minusSeconds(60), true, now.minusSeconds(60), "{}");

        int first = run(now);
        assertThat(first).isEqualTo(1);
        assertThat(run(now)).as("a second run at the same time").isZero();
        assertThat(days(ROZOY)).containsExactly("2026-12-01 2026-12: 1 0 0 0");

        run(now.plus(Duration.ofMinutes(5)));
        assertThat(run(now.plus(Duration.ofMinutes(5)))).isZero();
        assertThat(days(ROZOY)).containsExactly("2026-12-01 2026-12: 2 0 0 0");
    }

    @Test
    void aLongCatchUpGoesADayPerStepAndStopsAtTheStepsAllowed() throws Exception {
        for (int day = 0; day < 3; day++) {
            Instant at = NINE.plus(Duration.ofDays(day));
            event("rozoy-pi", "entry", at, true, at, "{}");
        }
        Instant now = NINE.plus(Duration.ofDays(4));

        assertThat(rollup.run(database.housekeeping(), now.toEpochMilli(), 2)).isEqualTo(2);
        assertThat(days(ROZOY)).hasSize(2);
        assertThat(rollup.run(database.housekeeping(), now.toEpochMilli(), 48)).as("the other two of the four days up to now")
                .isEqualTo(2);
        assertThat(days(ROZOY)).containsExactly("2026-12-01 2026-12: 1 0 0 0", "2026-12-02 2026-12: 1 0 0 0",
                "2026-12-03 2026-12: 1 0 0 0");
    }

    @Test
    void twoHousekeepersOnOneDatabaseCountEachEventOnce() throws Exception {
        for (int i = 0; i < 200; i++) {
            Instant at = NINE.plus(Duration.ofMinutes(17L * i));
            event("rozoy-pi", "entry", at, true, at, "{}");
        }
        Instant now = NINE.plus(Duration.ofDays(3));
        ExecutorService hubs = Executors.newFixedThreadPool(2);
        try (Database other = Database.open(testDatabase.url())) {
            OccupancyRollup second = new OccupancyRollup();
            List<Future<Integer>> runs = new ArrayList<>();
            for (Callable<Integer> hub : List.<Callable<Integer>>of(
                    () -> rollup.run(database.housekeeping(), now.toEpochMilli(), 1)
                            + rollup.run(database.housekeeping(), now.toEpochMilli(), 48),
                    () -> second.run(other.housekeeping(), now.toEpochMilli(), 48))) {
                runs.add(hubs.submit(hub));
            }
            int steps = 0;
            for (Future<Integer> run : runs) {
                steps += run.get(60, TimeUnit.SECONDS);
            }
            assertThat(steps).as("each day's step done by one hub or the other").isEqualTo(3);
        } finally {
            hubs.shutdownNow();
        }
        assertThat(total("occupancy_hour", ROZOY)).isEqualTo(200);
        assertThat(total("occupancy_day", ROZOY)).isEqualTo(200);
    }

    @Test
    void anEventWithGarbageDataIsLeftOutAndTheRunGoesOn() throws Exception {
        event("rozoy-pi", "room-free", NINE, true, NINE, "not json at all");
        event("rozoy-pi", "room-free", NINE, true, NINE, "{\"occupiedMinutes\":\"lots\"}");
        event("rozoy-pi", "room-free", NINE, true, NINE, "{\"occupiedMinutes\":-5}");
        event("rozoy-pi", "room-free", NINE, true, NINE, "{\"occupiedMinutes\":1.5}");
        event("rozoy-pi", "entry", NINE, true, NINE, "[1, 2]");
        event("rozoy-pi", "room-free", NINE, true, NINE, "{\"occupiedMinutes\":30}");
        event("rozoy-pi", "entry", NINE, true, NINE, "{}");

        assertThat(run(NINE.plus(Duration.ofHours(1)))).isEqualTo(1);

        assertThat(rollup.skipped()).isEqualTo(5);
        assertThat(days(ROZOY)).containsExactly("2026-12-01 2026-12: 1 0 30 0");
    }

    private int run(Instant now) throws SQLException {
        return rollup.run(database.housekeeping(), now.toEpochMilli(), 48);
    }

    private void event(String node, String type, Instant deviceTs, boolean synced, Instant receivedAt, String data)
            throws SQLException {
        write("INSERT INTO events (msg_id, node_id, device_id, seq, device_ts, clock_synced, received_at, type,"
                + " severity, message, data) VALUES (?, ?, 'compteur', ?, ?, ?, ?, ?, 'info', '', ?)",
                UUID.randomUUID().toString(), node, ++seq, deviceTs.toEpochMilli(), synced, receivedAt.toEpochMilli(),
                type, data);
    }

    private void write(String sql, Object... parameters) throws SQLException {
        Connection connection = database.writer();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
            connection.commit();
        }
    }

    private List<String> hours(String site) throws SQLException {
        return read("SELECT local_day, local_hour, weekday, bucket_start, entries, exits, room_minutes,"
                + " coworker_checkins FROM occupancy_hour WHERE site_id = ? ORDER BY bucket_start", site, row ->
                String.format("%s %02dh wd%d %d: %d %d %d %d", row.getString(1), row.getInt(2), row.getInt(3),
                        row.getLong(4), row.getLong(5), row.getLong(6), row.getLong(7), row.getLong(8)));
    }

    private List<String> days(String site) throws SQLException {
        return read("SELECT local_day, month, entries, exits, room_minutes, coworker_checkins FROM occupancy_day"
                + " WHERE site_id = ? ORDER BY local_day", site, row -> String.format("%s %s: %d %d %d %d",
                row.getString(1), row.getString(2), row.getLong(3), row.getLong(4), row.getLong(5), row.getLong(6)));
    }

    private long total(String table, String site) throws SQLException {
        return read("SELECT SUM(entries) FROM " + table + " WHERE site_id = ?", site, row -> row.getLong(1)).get(0);
    }

    private <T> List<T> read(String sql, String site, RowReader<T> mapper) throws SQLException {
        Connection connection = database.reader();
        synchronized (connection) {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, site);
                List<T> rows = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        rows.add(mapper.map(row));
                    }
                }
                return rows;
            }
        }
    }

    private interface RowReader<T> {
        T map(ResultSet row) throws SQLException;
    }
}
