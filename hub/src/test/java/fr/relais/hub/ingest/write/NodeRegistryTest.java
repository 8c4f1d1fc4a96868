package fr.relais.hub.ingest.write;

import static fr.relais.hub.Messages.NODE;
import static fr.relais.hub.Messages.SITE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.alert.AlertStore;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.ingest.Received;
import fr.relais.hub.registry.NodeSilence;
import fr.relais.hub.registry.RegistryReader;
import fr.relais.hub.registry.Views;
import fr.relais.protocol.Health;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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

/** A node's own latest metrics and its silence, in the registry. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class NodeRegistryTest {
    @Parameter
    TestDatabase.Kind kind;

    private static final long T0 = Instant.parse("2026-11-28T09:00:00Z").toEpochMilli();
    private final MessageCodec codec = new MessageCodec();
    private TestDatabase testDatabase;
    private Database database;
    private RegistryWriter writer;

    @BeforeEach
    void open(@TempDir Path dir) {
        testDatabase = TestDatabase.create(kind, dir);
        database = Database.open(testDatabase.url());
        writer = new RegistryWriter(database, new IngestStats(), new StoredTotals());
    }

    @AfterEach
    void close() throws SQLException {
        database.close();
        testDatabase.close();
    }

    private void write(Topic.Kind kind, Message message) throws SQLException {
        writer.write(List.of(new Received.Valid(Topic.of(kind, SITE, NODE), message, codec.encode(message), T0)));
    }

    private static Telemetry nodeHealth(long seq, long outboxDepth) {
        return new Telemetry(Messages.envelope(seq), Optional.empty(), Health.OK, Map.of("outboxDepth", outboxDepth));
    }

    private Views.Node node(Duration sinceT0) {
        Clock at = Clock.fixed(Instant.ofEpochMilli(T0).plus(sinceT0), ZoneOffset.UTC);
        return new RegistryReader(database, new NodeSilence(Duration.ofSeconds(120), at)).node(NODE).orElseThrow();
    }

    @Test
    void theNodesLatestMetricsAreTheHighestSequencesEvenWhenOldOnesAreReplayedLate() throws SQLException {
        write(Topic.Kind.STATE, Messages.state(Presence.ONLINE, 1));
        write(Topic.Kind.BIRTH, Messages.birth(0, 1, "printer-1"));
        write(Topic.Kind.TELEMETRY, nodeHealth(5, 500));
        write(Topic.Kind.TELEMETRY, nodeHealth(3, 300));
        assertThat(node(Duration.ZERO).metrics()).isEqualTo("{\"outboxDepth\":500}");
        assertThat(new AlertStore(database).nodes().get(0).metrics()).isEqualTo("{\"outboxDepth\":500}");
    }

    @Test
    void aNodeNotHeardFromForLongerThanTheTimeoutIsSilentAndNotOnline() throws SQLException {
        write(Topic.Kind.STATE, Messages.state(Presence.ONLINE, 1));
        write(Topic.Kind.TELEMETRY, nodeHealth(1, 0));
        assertThat(node(Duration.ofSeconds(120)).online()).isTrue();
        Views.Node silent = node(Duration.ofSeconds(121));
        assertThat(silent.silent()).isTrue();
        assertThat(silent.online()).isFalse();
        assertThat(silent.state()).isEqualTo("online");
    }
}
