package fr.relais.hub.ingest.write;

import static fr.relais.hub.Messages.NODE;
import static fr.relais.hub.Messages.SITE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.DeadLetterRetry;
import fr.relais.hub.ingest.IngestLimits;
import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.ingest.Received;
import fr.relais.hub.registry.RegistryReader;
import fr.relais.hub.registry.Views;
import fr.relais.hub.rollup.Housekeeping;
import fr.relais.hub.telemetry.RetentionSettings;
import fr.relais.protocol.Birth;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Health;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.Presence;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.nio.charset.StandardCharsets;
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

/**
 * What one message can no longer do to the registry, on both databases: a sequence number that
 * jumps, a garbage message kept again and again, a node flooding the dead letters, a birth that
 * renames its site; and dead letters retried through the writer.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class PoisonGuardsTest {
    private static final long MAX_JUMP = 1_000_000;

    @Parameter
    TestDatabase.Kind kind;

    private final MessageCodec codec = new MessageCodec();
    private final IngestStats stats = new IngestStats();
    private final StoredTotals totals = new StoredTotals();
    private final GuardCounters guards = new GuardCounters();
    private TestDatabase testDatabase;
    private Database database;
    private RegistryWriter writer;
    private RegistryReader reader;
    private long clock = Instant.parse("2026-11-01T10:00:00Z").toEpochMilli();

    @BeforeEach
    void open(@TempDir Path dir) {
        testDatabase = TestDatabase.create(kind, dir);
        database = Database.open(testDatabase.url());
        writer = writer(IngestLimits.of(MAX_JUMP, 30, 3));
        reader = new RegistryReader(database);
    }

    private RegistryWriter writer(IngestLimits limits) {
        return new RegistryWriter(database, stats, totals, limits, guards);
    }

    @AfterEach
    void close() throws SQLException {
        database.close();
        testDatabase.close();
    }

    private Received valid(Topic.Kind kind, String site, Message message) {
        return new Received.Valid(Topic.of(kind, site, NODE), message, codec.encode(message), clock++);
    }

    /** Any number, up to the largest: the device's clock says the same time for all. */
    private Received reading(long seq, long toner) {
        return valid(Topic.Kind.TELEMETRY, SITE, new Telemetry(new Envelope(MessageIds.next(), seq, Messages.TS,
                ClockConfidence.SYNCED), Optional.of("printer-1"), Health.OK, Map.of("tonerPercent", toner)));
    }

    private Received garbage(String node, String text) {
        return new Received.Invalid("relais/v1/" + SITE + "/" + node + "/telemetry",
                text.getBytes(StandardCharsets.UTF_8), "payload", "not valid JSON", clock++);
    }

    private void write(Received... received) throws SQLException {
        writer.write(List.of(received));
    }

    private Views.Node node() {
        return reader.nodes().stream().filter(n -> n.id().equals(NODE)).findFirst().orElseThrow();
    }

    private void bornWithReadings(long upTo) throws SQLException {
        write(valid(Topic.Kind.BIRTH, SITE, Messages.birth(0, 1, "printer-1")));
        for (long seq = 1; seq <= upTo; seq++) {
            write(reading(seq, 50));
        }
    }

    @Test
    void aNumberABillionAheadStartsANewNumberingInsteadOfABillionHoles() throws SQLException {
        bornWithReadings(261);
        write(reading(999_999_999, 1));
        assertThat(node().seqGaps()).as("not 999 999 738").isZero();
        assertThat(node().seqResets()).isEqualTo(1);
        assertThat(totals.snapshot().seqGaps()).isZero();
        assertThat(totals.snapshot().seqResets()).isEqualTo(1);

        // The node goes on from where it was: back to its own numbering, the device's value follows.
        write(reading(262, 42));
        write(reading(263, 41), reading(265, 40));
        assertThat(node().seqGaps()).as("264 is a real hole").isEqualTo(1);
        assertThat(node().seqResets()).as("to the stray number and back").isEqualTo(2);
        assertThat(reader.devices().get(0).metrics()).as("the stray reading does not hide the node's next ones")
                .isEqualTo("{\"tonerPercent\":40}");
        assertThat(totals.snapshot().telemetry()).as("every reading is stored, the stray one too").isEqualTo(265);
    }

    @Test
    void aJumpInsideOneBatchIsSplitToo() throws SQLException {
        bornWithReadings(10);
        write(reading(11, 50), reading(999_999_999, 1), reading(12, 49), reading(14, 48));
        assertThat(node().seqGaps()).as("only 13 is missing").isEqualTo(1);
        assertThat(node().seqResets()).isEqualTo(2);
        assertThat(reader.devices().get(0).metrics()).isEqualTo("{\"tonerPercent\":48}");
    }

    @Test
    void theLargestNumberThereIsOverflowsNothing() throws SQLException {
        bornWithReadings(3);
        write(reading(Long.MAX_VALUE, 1));
        write(reading(0, 2), reading(Long.MAX_VALUE - 1, 3));
        assertThat(node().seqGaps()).isZero();
        assertThat(totals.snapshot().telemetry()).isEqualTo(6);
    }

    @Test
    void aNumberFarBehindTheNumberingStartsANewOneToo() throws SQLException {
        write(valid(Topic.Kind.BIRTH, SITE, Messages.birth(5_000_000, 1, "printer-1")));
        write(reading(5_000_001, 50), reading(5_000_003, 50));
        assertThat(node().seqGaps()).isEqualTo(1);
        write(reading(7, 50));
        assertThat(node().seqGaps()).as("the hole counted before is kept; 7 opens none").isEqualTo(1);
        assertThat(node().seqResets()).isEqualTo(1);
    }

    @Test
    void theLargestPlausibleJumpIsASetting() throws SQLException {
        writer = writer(IngestLimits.of(10, 30, 3));
        bornWithReadings(1);
        write(reading(12, 50));
        assertThat(node().seqGaps()).as("a jump of 11: a new numbering").isZero();
        assertThat(node().seqResets()).isEqualTo(1);
        write(reading(22, 50));
        assertThat(node().seqGaps()).as("a jump of 10: holes").isEqualTo(9);
        assertThat(node().seqResets()).isEqualTo(1);
    }

    @Test
    void aNodeThatLostItsCountersIsCountedAsANewNumbering() throws SQLException {
        write(valid(Topic.Kind.BIRTH, SITE, Messages.birth(0, 7, "printer-1")), reading(1, 50), reading(100, 49));
        write(valid(Topic.Kind.STATE, SITE, Messages.state(Presence.LOST, 7)));
        write(valid(Topic.Kind.BIRTH, SITE, Messages.birth(0, 1, "printer-1")), reading(1, 90));
        assertThat(node().seqGaps()).isEqualTo(98);
        assertThat(node().seqResets()).isEqualTo(1);
        assertThat(reader.devices().get(0).metrics()).as("the old card's last value does not stay")
                .isEqualTo("{\"tonerPercent\":90}");
    }

    @Test
    void aGarbageMessageReceivedAgainIsKeptOnceAndCounted() throws SQLException {
        Received retained = new Received.Invalid("relais/v1/" + SITE + "/" + NODE + "/state",
                "{not json".getBytes(StandardCharsets.UTF_8), "payload", "not valid JSON", clock++);
        write(retained);
        write(new Received.Invalid("relais/v1/" + SITE + "/" + NODE + "/state",
                "{not json".getBytes(StandardCharsets.UTF_8), "payload", "not valid JSON", clock++));
        List<Views.DeadLetter> letters = reader.deadLetters(10);
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).occurrences()).isEqualTo(2);
        assertThat(letters.get(0).lastReceivedAt()).isGreaterThan(letters.get(0).receivedAt());
        assertThat(stats.snapshot().deadLetters()).as("one dead letter").isEqualTo(1);
        assertThat(guards.deadLetterRepeats()).isEqualTo(1);
        assertThat(totals.snapshot().deadLetters()).isEqualTo(1);
        write(new Received.Invalid("relais/v1/" + SITE + "/" + NODE + "/telemetry",
                "{not json".getBytes(StandardCharsets.UTF_8), "payload", "not valid JSON", clock++));
        assertThat(reader.deadLetters(10)).as("the same bytes on another topic are another message").hasSize(2);
    }

    @Test
    void eachNodeKeepsItsAllowanceOfDeadLettersTheOldestGoingFirst() throws SQLException {
        for (int i = 1; i <= 5; i++) {
            write(garbage(NODE, "garbage " + i));
        }
        write(garbage("other-pi", "garbage of another node"));
        assertThat(reader.deadLetters(10)).extracting(letter -> new String(java.util.Base64.getDecoder()
                .decode(letter.payloadBase64()), StandardCharsets.UTF_8))
                .containsExactly("garbage of another node", "garbage 5", "garbage 4", "garbage 3");
        assertThat(guards.deadLettersCapped()).isEqualTo(2);
        assertThat(totals.snapshot().deadLetters()).isEqualTo(4);
        assertThat(stats.snapshot().deadLetters()).as("each was refused and counted").isEqualTo(6);
    }

    @Test
    void deadLettersGoPastTheirRetentionUnlessTheyKeepComing() throws Exception {
        Instant t0 = Instant.ofEpochMilli(clock);
        write(garbage(NODE, "once"));
        write(garbage(NODE, "again and again"));
        clock = t0.plus(Duration.ofDays(20)).toEpochMilli();
        write(garbage(NODE, "again and again"));
        Clock at = Clock.fixed(t0.plus(Duration.ofDays(31)), ZoneOffset.UTC);
        Housekeeping.Report report = new Housekeeping(database, RetentionSettings.DEFAULT, IngestLimits.of(MAX_JUMP,
                30, 3), totals, guards, at).run();
        assertThat(report.deadLettersDeleted()).isEqualTo(1);
        assertThat(reader.deadLetters(10)).extracting(Views.DeadLetter::occurrences).containsExactly(2L);
        assertThat(guards.deadLettersExpired()).isEqualTo(1);
        assertThat(totals.snapshot().deadLetters()).isEqualTo(1);
    }

    @Test
    void aBirthCannotRenameItsSite() throws SQLException {
        write(valid(Topic.Kind.BIRTH, SITE, Messages.birth(0, 1, "printer-1")));
        Birth renaming = new Birth(Messages.envelope(1), 2, new Birth.SiteInfo("Chez Mallory", SiteKind.COWORKING),
                new Birth.AgentInfo("1.1", "sha256:2"), List.of(new Birth.DeviceInfo("probe-1",
                fr.relais.protocol.DeviceKind.PROBE, "Sonde", false)));
        write(valid(Topic.Kind.BIRTH, SITE, renaming));
        assertThat(reader.sites()).containsExactly(new Views.Site(SITE, "Tiers-lieu numérique de Dizy-le-Gros",
                "mediation"));
        assertThat(guards.siteRenamesRefused()).isEqualTo(1);
        assertThat(node().agentVersion()).as("the node's own part applies").isEqualTo("1.1");
        assertThat(reader.devices()).extracting(Views.Device::id).containsExactly("probe-1");
    }

    @Test
    void aRetriedDeadLetterIsStoredOnceItsCauseIsFixedAndRefusedOnceOtherwise() throws SQLException {
        write(valid(Topic.Kind.BIRTH, SITE, Messages.birth(0, 1, "printer-1")));
        Telemetry misplaced = Messages.telemetry(1, "printer-1", Health.OK, 50);
        write(valid(Topic.Kind.TELEMETRY, "montcornet", misplaced));
        write(garbage(NODE, "{broken"));
        Views.DeadLetter letter = reader.deadLetters(10).stream()
                .filter(l -> l.reason().contains("belongs to site")).findFirst().orElseThrow();
        Views.DeadLetter broken = reader.deadLetters(10).stream().filter(l -> l.reason().equals("not valid JSON"))
                .findFirst().orElseThrow();

        DeadLetterRetry tooEarly = retry(letter, new Received.Valid(Topic.of(Topic.Kind.TELEMETRY, "montcornet", NODE),
                misplaced, codec.encode(misplaced), clock++));
        assertThat(tooEarly.done()).isCompletedWithValueMatching(o -> o.kind() == DeadLetterRetry.Kind.REFUSED
                && o.reason().contains("belongs to site"));
        assertThat(reader.deadLetters(10)).as("still there, once").hasSize(2);

        // The node moved: its birth under montcornet. Now the reading fits.
        write(valid(Topic.Kind.BIRTH, "montcornet", Messages.birth(2, 2, "printer-1")));
        DeadLetterRetry fixed = retry(letter, new Received.Valid(Topic.of(Topic.Kind.TELEMETRY, "montcornet", NODE),
                misplaced, codec.encode(misplaced), clock++));
        assertThat(fixed.done()).isCompletedWithValueMatching(o -> o.kind() == DeadLetterRetry.Kind.STORED);
        assertThat(totals.snapshot().telemetry()).isEqualTo(1);
        assertThat(reader.deadLetter(letter.id())).isEmpty();

        DeadLetterRetry again = retry(letter, new Received.Valid(Topic.of(Topic.Kind.TELEMETRY, "montcornet", NODE),
                misplaced, codec.encode(misplaced), clock++));
        assertThat(again.done()).as("a second retry of the same message is a duplicate")
                .isCompletedWithValueMatching(o -> o.kind() == DeadLetterRetry.Kind.DUPLICATE);

        DeadLetterRetry garbage = retry(broken, new Received.Invalid(broken.topic(), "{broken".getBytes(
                StandardCharsets.UTF_8), "payload", "still not JSON", clock++));
        assertThat(garbage.done()).isCompletedWithValueMatching(o -> o.kind() == DeadLetterRetry.Kind.REFUSED);
        assertThat(reader.deadLetters(10)).extracting(Views.DeadLetter::reason).containsExactly("still not JSON");
        assertThat(totals.snapshot().deadLetters()).isEqualTo(1);
        assertThat(guards.retriedWith("stored")).isEqualTo(1);
        assertThat(guards.retriedWith("refused")).isEqualTo(2);
    }

    /** What the API does, without it: the message back through the writer, committed like a delivery. */
    private DeadLetterRetry retry(Views.DeadLetter letter, Received decoded) throws SQLException {
        DeadLetterRetry retry = new DeadLetterRetry(letter.id());
        write(new Received.Retry(retry, decoded));
        retry.committed();
        return retry;
    }
}
