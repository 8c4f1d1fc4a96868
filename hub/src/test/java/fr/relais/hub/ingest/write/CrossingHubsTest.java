package fr.relais.hub.ingest.write;

import static fr.relais.hub.Messages.NODE;
import static fr.relais.hub.Messages.SITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.db.Database;
import fr.relais.hub.db.WriteFault;
import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.ingest.Received;
import fr.relais.hub.registry.RegistryReader;
import fr.relais.protocol.Health;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL only, where several hubs share one database: what this hub's writer does when another
 * hub's transaction crosses its batch. The other hub is a plain connection holding a transaction
 * open, so that the moment it commits is the test's.
 */
class CrossingHubsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final MessageCodec codec = new MessageCodec();
    private final IngestStats stats = new IngestStats();
    private final StoredTotals totals = new StoredTotals();
    private TestDatabase testDatabase;
    private Database database;
    private RegistryWriter writer;
    private Connection otherHub;
    private int otherHubPid;
    private Connection watcher;

    @BeforeEach
    void open(@TempDir Path dir) throws SQLException {
        testDatabase = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, dir);
        database = Database.open(testDatabase.url());
        writer = new RegistryWriter(database, stats, totals);
        writer.write(List.of(valid(Topic.Kind.BIRTH, Messages.birth(0, 1, "printer-1"))));
        otherHub = DriverManager.getConnection(testDatabase.url());
        otherHub.setAutoCommit(false);
        try (Statement sql = otherHub.createStatement(); ResultSet pid = sql.executeQuery("SELECT pg_backend_pid()")) {
            pid.next();
            otherHubPid = pid.getInt(1);
        }
        watcher = DriverManager.getConnection(testDatabase.url());
    }

    @AfterEach
    void close() throws SQLException {
        otherHub.close();
        watcher.close();
        database.close();
        testDatabase.close();
    }

    private Received valid(Topic.Kind kind, Message message) {
        return new Received.Valid(Topic.of(kind, SITE, NODE), message, codec.encode(message), 1_000);
    }

    /** Whether a session (this hub's writer) waits for a lock the other hub holds. */
    private boolean someoneWaitsForTheOtherHub() throws SQLException {
        try (PreparedStatement sql = watcher.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE ? = ANY (pg_blocking_pids(pid))")) {
            sql.setInt(1, otherHubPid);
            try (ResultSet waiting = sql.executeQuery()) {
                waiting.next();
                return waiting.getLong(1) > 0;
            }
        }
    }

    private long stored() throws SQLException {
        try (Statement sql = watcher.createStatement();
             ResultSet count = sql.executeQuery("SELECT count(*) FROM telemetry")) {
            count.next();
            return count.getLong(1);
        }
    }

    /** The other hub, storing a reading the broker gave to both (after a failover), its transaction open. */
    private void otherHubStores(Telemetry reading) throws SQLException {
        try (PreparedStatement insert = otherHub.prepareStatement("INSERT INTO telemetry (msg_id, node_id,"
                + " device_id, seq, device_ts, clock_synced, received_at, health, metrics)"
                + " VALUES (?, ?, 'printer-1', ?, 0, true, 0, 'ok', '{}')")) {
            insert.setObject(1, reading.envelope().msgId());
            insert.setString(2, NODE);
            insert.setLong(3, reading.envelope().seq());
            insert.executeUpdate();
        }
    }

    private CompletableFuture<Void> writing(List<Received> batch) {
        return CompletableFuture.runAsync(() -> {
            try {
                writer.write(batch);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aReadingAnotherHubStoresMeanwhileIsADuplicateAndTheBatchsOtherReadingsAreStored() throws Exception {
        Telemetry first = Messages.telemetry(1, "printer-1", Health.OK, 50);
        Telemetry redelivered = Messages.telemetry(2, "printer-1", Health.OK, 49);
        otherHubStores(redelivered);
        CompletableFuture<Void> writing = writing(List.of(valid(Topic.Kind.TELEMETRY, first),
                valid(Topic.Kind.TELEMETRY, redelivered)));
        await().atMost(PATIENCE).until(this::someoneWaitsForTheOtherHub);
        assertThat(writing).as("the copy waits for the other hub's transaction").isNotDone();
        otherHub.commit();

        writing.get(); // refused by the key, the copy alone is undone, and done again without the other's reading
        assertThat(stored()).isEqualTo(2);
        assertThat(totals.snapshot().telemetry()).as("this hub stored the first").isEqualTo(1);
        assertThat(stats.snapshot().duplicates()).as("the second was the other hub's").isEqualTo(1);
        assertThat(stats.snapshot().deadLetters()).isZero();
    }

    @Test
    void aReadingAnotherHubStoresAfterALookupMakesTheBatchGoAgainAndIsThenADuplicate() throws Exception {
        Telemetry stored = Messages.telemetry(1, "printer-1", Health.OK, 50);
        writer.write(List.of(valid(Topic.Kind.TELEMETRY, stored)));
        // A redelivery: the next batches look their ids up first.
        writer.write(List.of(valid(Topic.Kind.TELEMETRY, stored)));
        Telemetry next = Messages.telemetry(2, "printer-1", Health.OK, 49);
        Telemetry redelivered = Messages.telemetry(3, "printer-1", Health.OK, 48);
        otherHubStores(redelivered);
        List<Received> batch = List.of(valid(Topic.Kind.TELEMETRY, next), valid(Topic.Kind.TELEMETRY, redelivered));
        CompletableFuture<Void> writing = writing(batch);
        await().atMost(PATIENCE).until(this::someoneWaitsForTheOtherHub);
        assertThat(writing).as("its lookup did not see it; the copy waits for the other hub").isNotDone();
        otherHub.commit();

        assertThatThrownBy(writing::get).isInstanceOf(ExecutionException.class).satisfies(failure -> {
            Throwable cause = failure.getCause().getCause();
            assertThat(cause).isInstanceOf(SQLException.class);
            assertThat(((SQLException) cause).getSQLState()).isEqualTo(PostgresReadings.CROSSED);
            assertThat(WriteFault.of(cause)).as("the writer sends the batch again at once, no dead letter")
                    .isEqualTo(WriteFault.CONFLICT);
        });
        assertThat(stored()).as("this batch was rolled back; the other hub's reading stays").isEqualTo(2);

        writer.write(batch);
        assertThat(stored()).isEqualTo(3);
        assertThat(totals.snapshot().telemetry()).isEqualTo(2);
        assertThat(stats.snapshot().duplicates()).as("the redelivery, then the other hub's").isEqualTo(2);
        assertThat(stats.snapshot().deadLetters()).isZero();
    }

    @Test
    void aBatchsEndWaitsForAnotherHubsBatchEndToCommitThenSeesItsRows() throws Exception {
        Statement other = otherHub.createStatement();
        // The other hub is at its batch's end: it holds the turn, and no row of this node yet.
        other.execute("SELECT pg_advisory_xact_lock(" + UpdateArrays.BATCH_END + ")");
        CompletableFuture<Void> writing = writing(List.of(valid(Topic.Kind.TELEMETRY,
                Messages.telemetry(3, "printer-1", Health.CRITICAL, 48))));
        await().atMost(PATIENCE).until(this::someoneWaitsForTheOtherHub);
        assertThat(writing).as("its readings are in, its batch's end waits for its turn").isNotDone();
        other.executeUpdate("UPDATE devices SET health = 'warning', value_seq = 7, last_seen = 5000"
                + " WHERE id = 'printer-1'");
        other.executeUpdate("UPDATE nodes SET min_seq = 7, max_seq = 7, seq_count = 1, last_seen = 5000");
        other.close();
        otherHub.commit();
        writing.get();

        RegistryReader reader = new RegistryReader(database);
        assertThat(reader.devices().get(0).health()).as("number 7, the other hub's, is newer than 3")
                .isEqualTo("warning");
        assertThat(reader.devices().get(0).lastSeen()).as("the later contact of both").isEqualTo(5000L);
        assertThat(totals.snapshot().telemetry()).isEqualTo(1);
        assertThat(reader.nodes().get(0).seqGaps()).as("4 to 6, counted over both hubs' numbers").isEqualTo(3);
    }
}
