package fr.relais.hub.telemetry;

import static fr.relais.hub.Messages.NODE;
import static fr.relais.hub.Messages.SITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.db.Database;
import fr.relais.hub.db.MessageIdColumn;
import fr.relais.hub.db.StoreException;
import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.ingest.Received;
import fr.relais.hub.ingest.write.RegistryWriter;
import fr.relais.hub.ingest.write.StoredTotals;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Health;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * V16 turns telemetry.msg_id from its 36-character text into 16 bytes on a database that already
 * holds readings: every row is still there with the same id, and a redelivery of a message
 * stored before the migration is still recognised.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class TelemetryIdsMigrationTest {
    @Parameter
    TestDatabase.Kind kind;
    private TestDatabase testDatabase;
    private String url;

    @BeforeEach
    void atVersion15(@TempDir Path dir) {
        testDatabase = TestDatabase.create(kind, dir);
        url = testDatabase.url();
        Flyway.configure().dataSource(url, null, null)
                .locations("classpath:db/migration", "classpath:db/" + (kind == TestDatabase.Kind.SQLITE ? "sqlite"
                        : "postgresql"))
                .target("15").load().migrate();
    }

    @AfterEach
    void close() throws SQLException {
        testDatabase.close();
    }

    @Test
    void everyReadingKeepsItsIdAndARedeliveryIsStillDropped() throws SQLException {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(i % 5 == 0 ? UUID.randomUUID() : MessageIds.next()); // a few not time-ordered
        }
        try (Connection connection = DriverManager.getConnection(url)) {
            for (int i = 0; i < ids.size(); i++) {
                insertAsText(connection, ids.get(i).toString(), i);
            }
        }
        List<String> before = rows("SELECT msg_id, node_id, device_id, seq, device_ts, clock_synced, received_at,"
                + " health, metrics FROM telemetry ORDER BY received_at, msg_id");

        try (Database database = Database.open(url)) {
            List<String> after = rows("SELECT msg_id, node_id, device_id, seq, device_ts, clock_synced, received_at,"
                    + " health, metrics FROM telemetry ORDER BY received_at, msg_id");
            assertThat(after).as("the same rows, ids read back as the same text, in the same order")
                    .containsExactlyElementsOf(before).hasSize(50);

            IngestStats stats = new IngestStats();
            RegistryWriter writer = new RegistryWriter(database, stats, new StoredTotals());
            MessageCodec codec = new MessageCodec();
            Telemetry redelivered = reading(ids.get(7), 7);
            Telemetry fresh = reading(MessageIds.next(), 60);
            writer.write(List.of(
                    new Received.Valid(Topic.of(Topic.Kind.TELEMETRY, SITE, NODE), redelivered,
                            codec.encode(redelivered), 99_000),
                    new Received.Valid(Topic.of(Topic.Kind.TELEMETRY, SITE, NODE), fresh, codec.encode(fresh),
                            99_001)));
            assertThat(stats.snapshot().duplicates()).isEqualTo(1);
            assertThat(rows("SELECT msg_id FROM telemetry")).hasSize(51).contains(fresh.envelope().msgId().toString());
        }
    }

    @Test
    void anIdThatIsNotACanonicalUuidStopsTheMigrationAndLosesNothing() throws SQLException {
        String good = MessageIds.next().toString();
        try (Connection connection = DriverManager.getConnection(url)) {
            insertAsText(connection, good, 1);
            insertAsText(connection, "0191C5B2-7E4A-7000-8000-00000000000A", 2); // upper case: would read back changed
        }
        assertThatThrownBy(() -> Database.open(url)).isInstanceOf(StoreException.class)
                .hasMessageContaining("msg_id");
        assertThat(rows("SELECT msg_id FROM telemetry ORDER BY received_at"))
                .as("rolled back: the text ids are all still there")
                .containsExactly(good, "0191C5B2-7E4A-7000-8000-00000000000A");
    }

    private static Telemetry reading(UUID id, long seq) {
        return new Telemetry(new Envelope(id, seq, Messages.TS.plusSeconds(seq), ClockConfidence.SYNCED),
                Optional.of("printer-1"), Health.OK, Map.of("tonerPercent", 40));
    }

    private static void insertAsText(Connection connection, String id, int i) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO telemetry (msg_id, node_id,"
                + " device_id, seq, device_ts, clock_synced, received_at, health, metrics)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 'ok', ?)")) {
            insert.setString(1, id);
            insert.setString(2, NODE);
            insert.setString(3, i % 2 == 0 ? "printer-1" : null);
            insert.setLong(4, i);
            insert.setLong(5, Instant.parse("2026-11-28T09:00:00Z").toEpochMilli() + i);
            insert.setBoolean(6, i % 3 == 0);
            insert.setLong(7, 1_000 + i / 4); // four readings per millisecond: the id orders them
            insert.setString(8, "{\"tonerPercent\":" + i + "}");
            insert.executeUpdate();
        }
    }

    /** Each row as one text, the id as the canonical UUID text whatever the column's type. */
    private List<String> rows(String select) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement statement = connection.prepareStatement(select);
             ResultSet row = statement.executeQuery()) {
            int columns = row.getMetaData().getColumnCount();
            while (row.next()) {
                StringBuilder text = new StringBuilder();
                for (int c = 1; c <= columns; c++) {
                    Object value = row.getObject(c);
                    text.append(value instanceof byte[] bytes ? MessageIdColumn.uuid(bytes).toString() : value)
                            .append('|');
                }
                rows.add(text.substring(0, text.length() - 1));
            }
        }
        return rows;
    }
}
