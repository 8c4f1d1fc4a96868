package fr.relais.hub.ingest.write;

import static fr.relais.hub.Messages.NODE;
import static fr.relais.hub.Messages.SITE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.ingest.Received;
import fr.relais.hub.registry.RegistryReader;
import fr.relais.hub.registry.Views;
import fr.relais.protocol.Health;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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

@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class RegistryWriterTest {
    @Parameter
    TestDatabase.Kind kind;
    private TestDatabase testDatabase;

    private final MessageCodec codec = new MessageCodec();
    private final IngestStats stats = new IngestStats();
    private final StoredTotals totals = new StoredTotals();
    private Database database;
    private RegistryWriter writer;
    private RegistryReader reader;
    private long clock = 1_000;

    @BeforeEach
    void open(@TempDir Path dir) {
        testDatabase = TestDatabase.create(kind, dir);
        database = Database.open(testDatabase.url());
        writer = new RegistryWriter(database, stats, totals);
        reader = new RegistryReader(database);
    }

    @AfterEach
    void close() throws SQLException {
        database.close();
        testDatabase.close();
    }

    private Received valid(Topic.Kind kind, String site, Message message) {
        return new Received.Valid(Topic.of(kind, site, NODE), message, codec.encode(message), clock++);
    }

    private void write(Received... received) throws SQLException {
        writer.write(List.of(received));
    }

    private Views.Node node() {
        return reader.nodes().stream().filter(n -> n.id().equals(NODE)).findFirst().orElseThrow();
    }

    @Test
    void aBirthRegistersTheSiteTheNodeAndItsDevices() throws SQLException {
        write(valid(Topic.Kind.STATE, SITE, Messages.state(Presence.ONLINE, 4)),
                valid(Topic.Kind.BIRTH, SITE, Messages.birth(0, 4, "printer-1", "probe-1")));
        assertThat(reader.sites()).containsExactly(new Views.Site(SITE, "Tiers-lieu numérique de Dizy-le-Gros",
                "mediation"));
        Views.Node node = node();
        assertThat(node.online()).isTrue();
        assertThat(node.bdSeq()).isEqualTo(4);
        assertThat(node.agentVersion()).isEqualTo("1.0");
        assertThat(node.lastSeen()).isNotNull();
        assertThat(reader.devices()).extracting(Views.Device::id, Views.Device::health)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("printer-1", "unknown"),
                        org.assertj.core.groups.Tuple.tuple("probe-1", "unknown"));
    }

    @Test
    void telemetryUpdatesTheDeviceAndIsStoredOnceWhateverTheRedeliveries() throws SQLException {
        write(valid(Topic.Kind.BIRTH, SITE, Messages.birth(0, 1, "printer-1")));
        Telemetry reading = Messages.telemetry(1, "printer-1", Health.WARNING, 12);
        Received first = valid(Topic.Kind.TELEMETRY, SITE, reading);
        write(first, valid(Topic.Kind.TELEMETRY, SITE, reading));
        write(valid(Topic.Kind.TELEMETRY, SITE, reading));
        Views.Device printer = reader.devices().get(0);
        assertThat(printer.health()).isEqualTo("warning");
        assertThat(printer.metrics()).isEqualTo("{\"tonerPercent\":12}");
        assertThat(printer.lastSeen()).isEqualTo(first.receivedAt());
        assertThat(totals.snapshot().telemetry()).isEqualTo(1);
        assertThat(stats.snapshot().duplicates()).isEqualTo(2);
    }

    @Test
    void readingsSentAsOneBatchAreAppliedInTheirPlaceAmongTheBatchsOtherMessages() throws SQLException {
        write(valid(Topic.Kind.BIRTH, SITE, Messages.birth(0, 1, "printer-1")));
        Telemetry first = Messages.telemetry(1, "printer-1", Health.OK, 50);
        write(valid(Topic.Kind.TELEMETRY, SITE, first),
                valid(Topic.Kind.EVENT, SITE, Messages.event(2, "printer-1")),
                valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(3, "printer-1", Health.WARNING, 40)),
                valid(Topic.Kind.TELEMETRY, SITE, first),
                valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(4, "printer-1", Health.CRITICAL, 5)));
        assertThat(totals.snapshot().telemetry()).isEqualTo(3);
        assertThat(totals.snapshot().events()).isEqualTo(1);
        assertThat(stats.snapshot().duplicates()).as("the redelivery in the middle of the batch").isEqualTo(1);
        assertThat(node().seqGaps()).isZero();
        Views.Device printer = reader.devices().get(0);
        assertThat(printer.health()).as("the batch's last reading").isEqualTo("critical");
        assertThat(printer.metrics()).isEqualTo("{\"tonerPercent\":5}");
    }

    @Test
    void aRedeliveryAmongNewReadingsOfALaterBatchIsDroppedAndTheOthersStored() throws SQLException {
        write(valid(Topic.Kind.BIRTH, SITE, Messages.birth(0, 1, "printer-1")));
        Telemetry stored = Messages.telemetry(1, "printer-1", Health.OK, 50);
        write(valid(Topic.Kind.TELEMETRY, SITE, stored));
        // On PostgreSQL the copy of this batch is refused by the key, undone alone, and done again without it.
        write(valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(2, "printer-1", Health.OK, 49)),
                valid(Topic.Kind.TELEMETRY, SITE, stored),
                valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(3, "printer-1", Health.WARNING, 48)));
        // The batches after it look their ids up first.
        write(valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(4, "printer-1", Health.CRITICAL, 3)),
                valid(Topic.Kind.TELEMETRY, SITE, stored));
        assertThat(totals.snapshot().telemetry()).isEqualTo(4);
        assertThat(stats.snapshot().duplicates()).isEqualTo(2);
        assertThat(node().seqGaps()).isZero();
        assertThat(reader.devices().get(0).health()).isEqualTo("critical");
        assertThat(storedSeqs()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aReadingWhoseTextNeedsEscapingIsStoredAsSent() throws Exception {
        write(valid(Topic.Kind.BIRTH, SITE, Messages.birth(0, 1, "printer-1")));
        String note = "tab\there, back\\slash, \"quoted\", new\nline, carriage\rreturn, été, \uD83D\uDE00, \\N";
        write(valid(Topic.Kind.TELEMETRY, SITE, new Telemetry(Messages.envelope(1), Optional.of("printer-1"),
                Health.OK, Map.of("note", note))));
        try (Connection sql = DriverManager.getConnection(testDatabase.url());
             ResultSet row = sql.createStatement().executeQuery("SELECT metrics FROM telemetry")) {
            assertThat(row.next()).isTrue();
            assertThat(new ObjectMapper().readTree(row.getString(1)).path("note")
                    .asText()).isEqualTo(note);
        }
    }

    private List<Long> storedSeqs() throws SQLException {
        List<Long> seqs = new ArrayList<>();
        try (Connection sql = DriverManager.getConnection(testDatabase.url());
             ResultSet rows = sql.createStatement().executeQuery("SELECT seq FROM telemetry ORDER BY seq")) {
            while (rows.next()) {
                seqs.add(rows.getLong(1));
            }
        }
        return seqs;
    }

    @Test
    void anOldReadingReplayedLateDoesNotHideANewerOne() throws SQLException {
        write(valid(Topic.Kind.BIRTH, SITE, Messages.birth(0, 1, "printer-1")));
        write(valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(5, "printer-1", Health.CRITICAL, 2)));
        write(valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(3, "printer-1", Health.OK, 40)));
        assertThat(reader.devices().get(0).health()).isEqualTo("critical");
        assertThat(totals.snapshot().telemetry()).isEqualTo(2);
    }

    @Test
    void countsTheHolesInANodesSequenceAndFillsThemWhenLateMessagesArrive() throws SQLException {
        write(valid(Topic.Kind.BIRTH, SITE, Messages.birth(0, 1, "printer-1")));
        write(valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(1, "printer-1", Health.OK, 50)),
                valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(5, "printer-1", Health.OK, 49)));
        assertThat(node().seqGaps()).isEqualTo(3);
        write(valid(Topic.Kind.EVENT, SITE, Messages.event(3, "printer-1")));
        assertThat(node().seqGaps()).isEqualTo(2);
        assertThat(totals.snapshot().events()).isEqualTo(1);
    }

    @Test
    void aLateWillOfAnOldConnectionDoesNotTakeANodeOffline() throws SQLException {
        write(valid(Topic.Kind.STATE, SITE, Messages.state(Presence.ONLINE, 7)));
        write(valid(Topic.Kind.STATE, SITE, Messages.state(Presence.LOST, 6)));
        assertThat(node().online()).isTrue();
        assertThat(stats.snapshot().staleStates()).isEqualTo(1);
        write(valid(Topic.Kind.STATE, SITE, Messages.state(Presence.LOST, 7)));
        assertThat(node().online()).isFalse();
        assertThat(node().state()).isEqualTo("lost");
    }

    @Test
    void aBirthReplacesTheDeviceList() throws SQLException {
        write(valid(Topic.Kind.BIRTH, SITE, Messages.birth(0, 1, "printer-1", "probe-1")));
        write(valid(Topic.Kind.BIRTH, SITE, Messages.birth(1, 2, "printer-2")));
        assertThat(reader.devices()).extracting(Views.Device::id).containsExactly("printer-2");
    }

    @Test
    void aMessageUnderAnotherSiteThanItsNodesGoesToTheDeadLetters() throws SQLException {
        write(valid(Topic.Kind.BIRTH, SITE, Messages.birth(0, 1, "printer-1")));
        write(valid(Topic.Kind.TELEMETRY, "montcornet", Messages.telemetry(1, "printer-1", Health.OK, 50)));
        List<Views.DeadLetter> letters = reader.deadLetters(10);
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).reason()).contains("belongs to site dizy-le-gros, not montcornet");
        assertThat(letters.get(0).payloadSize()).isPositive();
        assertThat(totals.snapshot().telemetry()).isZero();
    }

    @Test
    void telemetryOfANodeNeverBornIsKeptAndTheNodeListedAsUnknown() throws SQLException {
        write(valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(9, "printer-1", Health.OK, 50)));
        assertThat(node().state()).isEqualTo("unknown");
        assertThat(node().online()).isFalse();
        assertThat(totals.snapshot().telemetry()).isEqualTo(1);
    }

    @Test
    void invalidMessagesAreKeptWithTheirBytesAndReason() throws SQLException {
        byte[] garbage = {(byte) 0xff, 0x00, 'x'};
        write(new Received.Invalid("relais/v1/x/y/telemetry", garbage, "payload", "not valid JSON", clock++));
        Views.DeadLetter letter = reader.deadLetters(1).get(0);
        assertThat(java.util.Base64.getDecoder().decode(letter.payloadBase64())).isEqualTo(garbage);
        assertThat(letter.field()).isEqualTo("payload");
        assertThat(stats.snapshot().deadLetters()).isEqualTo(1);
    }

    @Test
    void aBatchIsAllOrNothing() throws SQLException {
        write(valid(Topic.Kind.BIRTH, SITE, Messages.birth(0, 1, "printer-1")));
        List<Received> batch = new ArrayList<>();
        batch.add(valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(1, "printer-1", Health.OK, 50)));
        batch.add(null); // a programming error in the middle of a batch
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> writer.write(batch))
                .isInstanceOf(RuntimeException.class);
        assertThat(totals.snapshot().telemetry()).isZero();
        write(batch.get(0));
        assertThat(totals.snapshot().telemetry()).as("the tracker was reloaded, the retry is stored").isEqualTo(1);
        assertThat(node().seqGaps()).isZero();
    }

    @Test
    void twoWritersSharingANodesMessagesCountItsGapsOnce() throws SQLException {
        write(valid(Topic.Kind.BIRTH, SITE, Messages.birth(0, 1, "printer-1")));
        try (Database otherHub = Database.open(testDatabase.url())) {
            RegistryWriter other = new RegistryWriter(otherHub, new IngestStats(), new StoredTotals());
            Telemetry third = Messages.telemetry(3, "printer-1", Health.OK, 47);
            write(valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(1, "printer-1", Health.OK, 49)),
                    valid(Topic.Kind.TELEMETRY, SITE, third));
            other.write(List.of(valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(2, "printer-1", Health.OK, 48)),
                    valid(Topic.Kind.TELEMETRY, SITE, third), // the same message, redelivered to the other hub
                    valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(6, "printer-1", Health.WARNING, 5))));
            assertThat(node().seqGaps()).as("4 and 5 are missing").isEqualTo(2);
            write(valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(4, "printer-1", Health.OK, 46)));
            assertThat(node().seqGaps()).isEqualTo(1);
            assertThat(reader.devices().get(0).health()).as("the highest number wins, whoever wrote it")
                    .isEqualTo("warning");
        }
    }

    @Test
    void everyHubWritesEveryStateAndAnOlderOneChangesNothing() throws SQLException {
        Received online = valid(Topic.Kind.STATE, SITE, Messages.state(Presence.ONLINE, 5));
        Received lost = valid(Topic.Kind.STATE, SITE, Messages.state(Presence.LOST, 5));
        write(online, lost);
        write(online); // the same online, from a hub that lags behind
        assertThat(node().state()).isEqualTo("lost");
        write(lost);
        write(valid(Topic.Kind.STATE, SITE, Messages.state(Presence.ONLINE, 4)));
        assertThat(node().state()).isEqualTo("lost");
        assertThat(node().bdSeq()).isEqualTo(5);
        write(valid(Topic.Kind.STATE, SITE, Messages.state(Presence.ONLINE, 6)));
        assertThat(node().online()).isTrue();
    }

    @Test
    void anOlderBirthWrittenLateDoesNotReplaceANewerOne() throws SQLException {
        write(valid(Topic.Kind.BIRTH, SITE, Messages.birth(10, 3, "printer-2")));
        write(valid(Topic.Kind.BIRTH, SITE, Messages.birth(5, 2, "printer-1")));
        assertThat(node().bdSeq()).isEqualTo(3);
        assertThat(reader.devices()).extracting(Views.Device::id).containsExactly("printer-2");
    }

    @Test
    void aNodeThatLostItsCountersStartsANewNumberingAndKeepsItsHoles() throws SQLException {
        write(valid(Topic.Kind.BIRTH, SITE, Messages.birth(0, 7, "printer-1")),
                valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(1, "printer-1", Health.OK, 50)),
                valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(100, "printer-1", Health.OK, 49)));
        assertThat(node().seqGaps()).isEqualTo(98);
        write(valid(Topic.Kind.STATE, SITE, Messages.state(Presence.LOST, 7)));
        // A new SD card: the connection count and the numbering start again.
        write(valid(Topic.Kind.STATE, SITE, Messages.state(Presence.ONLINE, 1)),
                valid(Topic.Kind.BIRTH, SITE, Messages.birth(0, 1, "printer-1")),
                valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(1, "printer-1", Health.OK, 90)),
                valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(3, "printer-1", Health.OK, 89)));
        assertThat(node().online()).isTrue();
        assertThat(node().bdSeq()).isEqualTo(1);
        assertThat(node().seqGaps()).isEqualTo(98 + 1);
    }

    @Test
    void aNumberingThatStartsAgainWithinOneBatchIsAppliedAfterTheOneBefore() throws SQLException {
        write(valid(Topic.Kind.BIRTH, SITE, Messages.birth(0, 1, "printer-1", "probe-1")));
        // One batch: the node's numbering, then a jump back (a lost SD card) to a new one, each
        // with holes. The node's row is updated twice, the runs in order; each device once.
        write(valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(2_000_000, "printer-1", Health.OK, 40)),
                valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(2_000_002, "probe-1", Health.OK, 41)),
                valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(1, "printer-1", Health.CRITICAL, 42)),
                valid(Topic.Kind.TELEMETRY, SITE, Messages.telemetry(4, "printer-1", Health.WARNING, 43)));
        assertThat(node().seqResets()).as("the jump back to 1").isEqualTo(1);
        assertThat(node().seqGaps()).as("2 000 001, then 2 and 3").isEqualTo(3);
        assertThat(reader.devices()).extracting(Views.Device::id, Views.Device::health).containsExactly(
                org.assertj.core.groups.Tuple.tuple("printer-1", "warning"),
                org.assertj.core.groups.Tuple.tuple("probe-1", "ok"));
        assertThat(totals.snapshot().telemetry()).isEqualTo(4);
    }
}
