package fr.relais.hub.ingest.write;

import static fr.relais.hub.Messages.NODE;
import static fr.relais.hub.Messages.SITE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.ingest.Received;
import fr.relais.protocol.Health;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What the writer tells of each committed batch (the live channel's and the alerts' wake-up's source). */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class BatchChangesTest {
    @Parameter
    TestDatabase.Kind kind;
    private TestDatabase testDatabase;

    private final MessageCodec codec = new MessageCodec();
    private final List<BatchChanges.Batch> told = new CopyOnWriteArrayList<>();
    private Database database;
    private RegistryWriter writer;
    private long clock = 1_000;

    @BeforeEach
    void open(@TempDir Path dir) {
        testDatabase = TestDatabase.create(kind, dir);
        database = Database.open(testDatabase.url());
        writer = new RegistryWriter(database, new IngestStats(), new StoredTotals()).changes(told::add);
    }

    @AfterEach
    void close() throws SQLException {
        database.close();
        testDatabase.close();
    }

    private Received valid(Topic.Kind kind, Message message) {
        return new Received.Valid(Topic.of(kind, SITE, NODE), message, codec.encode(message), clock++);
    }

    @Test
    void aBatchTellsItsNodesItsDevicesLatestReadingAndItsEventsOnce() throws SQLException {
        Telemetry first = Messages.telemetry(2, "printer-1", Health.OK, 50);
        writer.write(List.of(valid(Topic.Kind.STATE, Messages.state(Presence.ONLINE, 1)),
                valid(Topic.Kind.BIRTH, Messages.birth(1, 1, "printer-1")),
                valid(Topic.Kind.TELEMETRY, first),
                valid(Topic.Kind.TELEMETRY, Messages.telemetry(3, "printer-1", Health.WARNING, 8)),
                valid(Topic.Kind.EVENT, Messages.event(4, "printer-1"))));
        assertThat(told).hasSize(1);
        BatchChanges.Batch batch = told.get(0);
        assertThat(batch.nodes()).extracting(BatchChanges.Node::state, BatchChanges.Node::birth)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("online", false),
                        org.assertj.core.groups.Tuple.tuple("online", true));
        assertThat(batch.devices()).hasSize(1);
        BatchChanges.Device device = batch.devices().get(0);
        assertThat(device.site()).isEqualTo(SITE);
        assertThat(device.health()).isEqualTo("warning");
        assertThat(device.metrics()).isEqualTo("{\"tonerPercent\":8}");
        assertThat(device.agentTs()).isEqualTo(Messages.TS.plusSeconds(3).toEpochMilli());
        assertThat(device.healthChanged()).isTrue();
        assertThat(batch.events()).extracting(BatchChanges.StoredEvent::type, BatchChanges.StoredEvent::device)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("paper-out", "printer-1"));
        assertThat(batch.mayChangeAlerts()).isTrue();

        writer.write(List.of(valid(Topic.Kind.TELEMETRY, first)));
        assertThat(told).as("a redelivery changes nothing: nothing told").hasSize(1);

        writer.write(List.of(valid(Topic.Kind.TELEMETRY, Messages.telemetry(5, "printer-1", Health.WARNING, 7))));
        BatchChanges.Batch same = told.get(1);
        assertThat(same.devices().get(0).healthChanged()).as("still warning").isFalse();
        assertThat(same.mayChangeAlerts()).as("no new health, event or state: the alerts need not wake").isFalse();
    }

    @Test
    void aListenerThatFailsDoesNotFailTheBatch() throws SQLException {
        writer.changes(batch -> {
            throw new IllegalStateException("a browser went away");
        });
        writer.write(List.of(valid(Topic.Kind.STATE, Messages.state(Presence.ONLINE, 1))));
        writer.changes(told::add);
        writer.write(List.of(valid(Topic.Kind.STATE, Messages.state(Presence.OFFLINE, 1))));
        assertThat(told).singleElement().extracting(batch -> batch.nodes().get(0).state()).isEqualTo("offline");
    }
}
