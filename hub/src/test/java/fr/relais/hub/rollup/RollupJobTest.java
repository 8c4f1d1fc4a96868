package fr.relais.hub.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.hub.TestDatabase;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.write.StoredTotals;
import fr.relais.hub.telemetry.RetentionSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
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

/** Jobs registered with Housekeeping, and the progress row that keeps each period counted once. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class RollupJobTest {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Parameter
    TestDatabase.Kind kind;

    private TestDatabase testDatabase;
    private Database database;

    @BeforeEach
    void open(@TempDir Path dir) throws SQLException {
        testDatabase = TestDatabase.create(kind, dir);
        database = Database.open(testDatabase.url());
    }

    @AfterEach
    void close() throws SQLException {
        database.close();
        testDatabase.close();
    }

    /** Counts hours into a table of its own through the 'occupancy' progress row, one hour a step. */
    private static final class HourCounter implements RollupJob {
        final List<Long> hours = new ArrayList<>();

        @Override
        public String name() {
            return "occupancy";
        }

        @Override
        public int run(Connection connection, long now, int maxSteps) throws SQLException {
            RollupProgress progress = new RollupProgress(connection, name());
            long from = progress.doneUntil();
            if (from == 0) {
                from = progress.startAt(now - 3 * 3_600_000L);
            }
            int steps = 0;
            while (steps < maxSteps && from + 3_600_000L <= now) {
                long hour = from;
                if (!progress.advance(from, from + 3_600_000L, c -> hours.add(hour))) {
                    break;
                }
                from += 3_600_000L;
                steps++;
            }
            return steps;
        }
    }

    private Housekeeping housekeeping() {
        return new Housekeeping(database, RetentionSettings.DEFAULT, new StoredTotals(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aRegisteredJobRunsAfterTheTelemetryRollupsAndCountsEachHourOnce() throws Exception {
        HourCounter counter = new HourCounter();
        Housekeeping housekeeping = housekeeping().jobs(List.of(counter));

        assertThat(housekeeping.run().periodsRolledUp()).isEqualTo(3);
        assertThat(housekeeping.run().periodsRolledUp()).as("a second run at the same time").isZero();
        assertThat(counter.hours).hasSize(3).doesNotHaveDuplicates();
        assertThat(progress("occupancy")).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void aJobThatFailsIsLoggedAndTheNextOnesStillRun() throws Exception {
        RollupJob broken = new RollupJob() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public int run(Connection connection, long now, int maxSteps) throws SQLException {
                throw new SQLException("disk on fire");
            }
        };
        HourCounter counter = new HourCounter();

        assertThat(housekeeping().jobs(List.of(broken, counter)).run().periodsRolledUp()).isEqualTo(3);
        assertThat(counter.hours).hasSize(3);
    }

    @Test
    void aStaleProgressMovesNothingAndWritesNothing() throws Exception {
        Connection one = database.housekeeping();
        RollupProgress first = new RollupProgress(one, "connectivity");
        long start = first.startAt(1_000);
        List<String> written = new ArrayList<>();

        assertThat(first.advance(start, 2_000, c -> written.add("first"))).isTrue();
        // A second hub that read the progress before the first moved it.
        assertThat(first.advance(start, 2_000, c -> written.add("stale"))).isFalse();
        assertThat(first.startAt(5_000)).as("a start once started").isEqualTo(2_000);
        assertThat(written).containsExactly("first");
    }

    @Test
    void aWorkThatFailsLeavesTheProgressWhereItWas() throws Exception {
        RollupProgress progress = new RollupProgress(database.housekeeping(), "occupancy");
        long start = progress.startAt(1_000);

        assertThatThrownBy(() -> progress.advance(start, 2_000, c -> {
            throw new SQLException("no space left");
        })).hasMessageContaining("no space left");
        assertThat(progress.doneUntil()).isEqualTo(1_000);
    }

    @Test
    void aJobWithoutItsRowSaysWhichMigrationIsMissing() {
        RollupProgress progress = new RollupProgress(database.housekeeping(), "nowhere");

        assertThatThrownBy(progress::doneUntil).hasMessageContaining("no rollup_progress row 'nowhere'");
    }

    private long progress(String name) throws SQLException {
        Connection connection = database.housekeeping();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT done_until FROM rollup_progress WHERE resolution = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            } finally {
                connection.commit();
            }
        }
    }
}
