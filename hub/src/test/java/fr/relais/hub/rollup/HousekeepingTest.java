package fr.relais.hub.rollup;

import static fr.relais.hub.Messages.NODE;
import static fr.relais.hub.Messages.SITE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.ingest.Received;
import fr.relais.hub.ingest.write.RegistryWriter;
import fr.relais.hub.ingest.write.StoredTotals;
import fr.relais.hub.registry.Views;
import fr.relais.hub.telemetry.RetentionSettings;
import fr.relais.hub.telemetry.TelemetryReader;
import fr.relais.hub.telemetry.TelemetryRetention;
import fr.relais.protocol.Health;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Rollups and retention on both databases, with a clock the test moves. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class HousekeepingTest {
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @Parameter
    TestDatabase.Kind kind;

    /** A clock that only moves when the test says. */
    private static final class TestClock extends Clock {
        private Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MessageCodec codec = new MessageCodec();
    private final StoredTotals totals = new StoredTotals();
    private final TestClock clock = new TestClock();
    private TestDatabase testDatabase;
    private Database database;
    private RegistryWriter writer;
    private TelemetryReader reader;
    private long seq = 1;

    @BeforeEach
    void open(@TempDir Path dir) throws SQLException {
        testDatabase = TestDatabase.create(kind, dir);
        database = Database.open(testDatabase.url());
        writer = new RegistryWriter(database, new IngestStats(), totals);
        reader = new TelemetryReader(database);
        write(Topic.Kind.BIRTH, Messages.birth(0, 1, "printer-1"), T0);
    }

    @AfterEach
    void close() throws SQLException {
        database.close();
        testDatabase.close();
    }

    private void write(Topic.Kind kind, Message message, Instant receivedAt) throws SQLException {
        writer.write(List.of(new Received.Valid(Topic.of(kind, SITE, NODE), message, codec.encode(message),
                receivedAt.toEpochMilli())));
    }

    /** A reading of the printer with a number, a boolean and a text, received at {@code at}. */
    private void reading(long toner, Instant at) throws SQLException {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("tonerPercent", toner);
        metrics.put("online", true);
        metrics.put("model", "HL-L2350");
        write(Topic.Kind.TELEMETRY, new Telemetry(Messages.envelope(seq++), Optional.of("printer-1"), Health.OK,
                metrics), at);
    }

    private void nodeReading(double load, Instant at) throws SQLException {
        write(Topic.Kind.TELEMETRY, new Telemetry(Messages.envelope(seq++), Optional.empty(), Health.OK,
                Map.of("load", load)), at);
    }

    private Housekeeping housekeeping(RetentionSettings settings) {
        return new Housekeeping(database, settings, totals, clock);
    }

    private List<Views.Rollup> rollups(TelemetryReader.Resolution resolution) {
        return reader.rollups(resolution, new TelemetryReader.Query(NODE, Optional.empty(), Optional.empty(),
                0, Long.MAX_VALUE, 1000));
    }

    private long raw() {
        return reader.raw(new TelemetryReader.Query(NODE, Optional.empty(), Optional.empty(), 0, Long.MAX_VALUE,
                100_000)).size();
    }

    @Test
    void rollsUpEachClosedMinuteAndHourOnceHoweverOftenItRuns() throws Exception {
        reading(10, T0.plusSeconds(10));
        reading(30, T0.plusSeconds(20));
        nodeReading(0.5, T0.plusSeconds(30));
        reading(50, T0.plusSeconds(70));
        reading(99, T0.plusSeconds(200)); // minute 3, not closed long enough at T0 + 5 min
        clock.now = T0.plus(Duration.ofMinutes(5));
        Housekeeping housekeeping = housekeeping(RetentionSettings.DEFAULT);
        housekeeping.run();
        housekeeping.run();

        assertThat(rollups(TelemetryReader.Resolution.MINUTE)).containsExactly(
                new Views.Rollup(T0.toEpochMilli(), null, "load", 1, 0.5, 0.5, 0.5),
                new Views.Rollup(T0.toEpochMilli(), "printer-1", "tonerPercent", 2, 10, 30, 40),
                new Views.Rollup(T0.plusSeconds(60).toEpochMilli(), "printer-1", "tonerPercent", 1, 50, 50, 50));
        assertThat(rollups(TelemetryReader.Resolution.HOUR)).as("the hour is not over").isEmpty();

        clock.now = T0.plus(Duration.ofMinutes(63));
        housekeeping.run();
        housekeeping.run();
        assertThat(rollups(TelemetryReader.Resolution.MINUTE)).hasSize(4);
        assertThat(rollups(TelemetryReader.Resolution.HOUR)).containsExactly(
                new Views.Rollup(T0.toEpochMilli(), null, "load", 1, 0.5, 0.5, 0.5),
                new Views.Rollup(T0.toEpochMilli(), "printer-1", "tonerPercent", 4, 10, 99, 189));
        assertThat(raw()).as("raw readings are kept for 30 days").isEqualTo(5);
    }

    @Test
    void twoHousekeepersOnOneDatabaseRollUpEachPeriodOnce() throws Exception {
        reading(10, T0.plusSeconds(10));
        reading(20, T0.plusSeconds(3_000));
        clock.now = T0.plus(Duration.ofHours(2));
        Housekeeping first = housekeeping(RetentionSettings.DEFAULT);
        try (Database other = Database.open(testDatabase.url())) {
            Housekeeping second = new Housekeeping(other, RetentionSettings.DEFAULT, new StoredTotals(), clock);
            first.run();
            second.run();
            first.run();
        }
        assertThat(rollups(TelemetryReader.Resolution.HOUR)).containsExactly(
                new Views.Rollup(T0.toEpochMilli(), "printer-1", "tonerPercent", 2, 10, 20, 30));
    }

    @Test
    void deletesRawReadingsAndRollupsPastTheirRetentionInBatches() throws Exception {
        int old = TelemetryRetention.BATCH + 10; // more than one deletion batch
        for (int i = 0; i < old; i++) {
            reading(i % 100, T0.plusMillis(i));
        }
        reading(7, T0.plus(Duration.ofHours(30)));
        assertThat(totals.snapshot().telemetry()).isEqualTo(old + 1);
        RetentionSettings oneAndTwoDays = RetentionSettings.ofDays(1, 2);
        Housekeeping housekeeping = housekeeping(oneAndTwoDays);

        clock.now = T0.plus(Duration.ofHours(30)).plus(Duration.ofMinutes(5));
        Housekeeping.Report report;
        do {
            report = housekeeping.run();
        } while (report.periodsRolledUp() > 0);
        assertThat(raw()).as("only the reading of the last day is left").isEqualTo(1);
        assertThat(totals.snapshot().telemetry()).isEqualTo(1);
        assertThat(rollups(TelemetryReader.Resolution.MINUTE)).extracting(Views.Rollup::samples)
                .containsExactly((long) old, 1L);
        assertThat(rollups(TelemetryReader.Resolution.HOUR)).extracting(Views.Rollup::samples)
                .containsExactly((long) old);

        clock.now = T0.plus(Duration.ofDays(2)).plus(Duration.ofHours(2));
        do {
            report = housekeeping.run();
        } while (report.periodsRolledUp() > 0);
        assertThat(rollups(TelemetryReader.Resolution.MINUTE)).extracting(Views.Rollup::bucketStart)
                .as("the first hour's rollups are past two days").containsExactly(
                        T0.plus(Duration.ofHours(30)).toEpochMilli());
        assertThat(rollups(TelemetryReader.Resolution.HOUR)).extracting(Views.Rollup::bucketStart)
                .containsExactly(T0.plus(Duration.ofHours(30)).toEpochMilli());
        assertThat(raw()).as("the last reading is less than a day old").isEqualTo(1);
    }
}
