package fr.relais.hub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.TestDatabase;
import fr.relais.hub.db.Database;
import fr.relais.hub.db.MessageIdColumn;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The raw retention deletes exactly the readings received before the limit, whatever their ids
 * say: it looks for them in id order first (UUIDv7), then node by node for the rest.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class TelemetryRetentionTest {
    private static final long BEFORE = 1_780_000_000_000L;
    private static final long DAY = 86_400_000L;

    @Parameter
    TestDatabase.Kind kind;
    private TestDatabase testDatabase;
    private Database database;
    private final Random random = new Random(14);
    private long seq;

    @BeforeEach
    void open(@TempDir Path dir) throws SQLException {
        testDatabase = TestDatabase.create(kind, dir);
        database = Database.open(testDatabase.url());
        Connection connection = database.housekeeping();
        for (String node : new String[] {"a-pi", "b-pi"}) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO nodes (id, site_id, state) VALUES (?, 'site', 'online')")) {
                insert.setString(1, node);
                insert.executeUpdate();
            }
        }
        connection.commit();
    }

    @AfterEach
    void close() throws SQLException {
        database.close();
        testDatabase.close();
    }

    @Test
    void deletesWhatWasReceivedBeforeTheLimitAndNothingElse() throws Exception {
        Set<UUID> gone = new HashSet<>();
        Set<UUID> kept = new HashSet<>();
        for (int i = 0; i < 2_500; i++) { // made and received before: more than two batches
            gone.add(reading(i % 2 == 0 ? "a-pi" : "b-pi", v7(BEFORE - DAY + i), BEFORE - DAY + i + 50));
        }
        gone.add(reading("a-pi", UUID.randomUUID(), BEFORE - 1)); // not a UUIDv7
        gone.add(reading("b-pi", v7(BEFORE + 3 * DAY), BEFORE - DAY)); // made by a clock ahead of time
        kept.add(reading("a-pi", v7(BEFORE - 2 * DAY), BEFORE)); // replayed by an outbox: received at the limit
        kept.add(reading("b-pi", v7(BEFORE - 2 * DAY), BEFORE + DAY));
        kept.add(reading("a-pi", v7(BEFORE + 10), BEFORE + 20));
        kept.add(reading("b-pi", UUID.randomUUID(), BEFORE + 1));
        database.housekeeping().commit();

        long deleted = new TelemetryRetention(database.housekeeping()).raw(BEFORE);

        assertThat(deleted).isEqualTo(gone.size());
        assertThat(stored()).containsExactlyInAnyOrderElementsOf(kept);
    }

    /** A UUIDv7 made at {@code millis}. */
    private UUID v7(long millis) {
        return new UUID(millis << 16 | 0x7000 | random.nextInt(0x1000), 0x8000_0000_0000_0000L
                | (random.nextLong() & 0x3fff_ffff_ffff_ffffL));
    }

    private UUID reading(String node, UUID id, long receivedAt) throws SQLException {
        Connection connection = database.housekeeping();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO telemetry (msg_id, node_id,"
                + " device_id, seq, device_ts, clock_synced, received_at, health, metrics)"
                + " VALUES (?, ?, NULL, ?, ?, TRUE, ?, 'ok', '{}')")) {
            MessageIdColumn.of(connection).bind(insert, 1, id);
            insert.setString(2, node);
            insert.setLong(3, ++seq);
            insert.setLong(4, receivedAt);
            insert.setLong(5, receivedAt);
            insert.executeUpdate();
        }
        return id;
    }

    private Set<UUID> stored() throws SQLException {
        Connection connection = database.housekeeping();
        MessageIdColumn ids = MessageIdColumn.of(connection);
        Set<UUID> stored = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT msg_id FROM telemetry");
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                stored.add(ids.read(row, 1));
            }
        }
        connection.commit();
        return stored;
    }
}
