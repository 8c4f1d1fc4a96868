package fr.relais.hub.ingest.write;

import static fr.relais.hub.Messages.NODE;
import static fr.relais.hub.Messages.SITE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.command.CommandStore;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.ingest.Received;
import fr.relais.hub.registry.RegistryReader;
import fr.relais.hub.registry.Views;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.Reply;
import fr.relais.protocol.ReplyStatus;
import fr.relais.protocol.Topic;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** How replies move commands forward, whatever their order and however often they arrive. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class CommandRepliesTest {
    @Parameter
    TestDatabase.Kind kind;
    private TestDatabase testDatabase;

    private final MessageCodec codec = new MessageCodec();
    private final IngestStats stats = new IngestStats();
    private final StoredTotals totals = new StoredTotals();
    private Database database;
    private RegistryWriter writer;
    private RegistryReader reader;
    private CommandStore commands;
    private long clock = 1_000;
    private long seq = 1;

    @BeforeEach
    void open(@TempDir Path dir) throws SQLException {
        testDatabase = TestDatabase.create(kind, dir);
        database = Database.open(testDatabase.url());
        writer = new RegistryWriter(database, stats, totals);
        reader = new RegistryReader(database);
        commands = new CommandStore(database);
        write(Topic.of(Topic.Kind.BIRTH, SITE, NODE), Messages.birth(0, 1, "printer-1"));
    }

    @AfterEach
    void close() throws SQLException {
        database.close();
        testDatabase.close();
    }

    private UUID command(String name, long deadline) {
        UUID id = MessageIds.next();
        commands.create(new Views.Command(id.toString(), NODE, SITE, name, "{}", "pending", clock, null, null, null,
                deadline, null, null, null));
        return id;
    }

    private Reply reply(UUID id, String name, ReplyStatus status, String reason) {
        return new Reply(Messages.envelope(seq++), id, name, status, reason, Map.of("n", seq));
    }

    private void write(Topic topic, Message message) throws SQLException {
        writer.write(List.of(new Received.Valid(topic, message, codec.encode(message), clock++)));
    }

    private void write(Reply reply) throws SQLException {
        write(Topic.of(Topic.Kind.REPLY, SITE, NODE), reply);
    }

    private Views.Command row(UUID id) {
        return reader.command(id).orElseThrow();
    }

    @Test
    void theBrokersAcknowledgementNeverUndoesAReply() throws SQLException {
        UUID id = command("ping", 60_000);
        write(reply(id, "ping", ReplyStatus.ACCEPTED, ""));
        commands.sent(id, clock++);
        assertThat(row(id).status()).isEqualTo("delivered");
        assertThat(row(id).sentAt()).isNotNull();
        write(reply(id, "ping", ReplyStatus.OK, ""));
        commands.sent(id, clock++);
        assertThat(row(id).status()).isEqualTo("succeeded");
    }

    @Test
    void redeliveriesAndLateAcceptancesChangeNothingAndOpenNoHoles() throws SQLException {
        UUID id = command("ping", 60_000);
        Reply accepted = reply(id, "ping", ReplyStatus.ACCEPTED, "");
        Reply ok = reply(id, "ping", ReplyStatus.OK, "");
        write(ok);
        Views.Command done = row(id);
        write(accepted);
        assertThat(row(id).status()).as("accepted is not final").isEqualTo("succeeded");
        assertThat(row(id).replyStatus()).isEqualTo("ok");
        assertThat(row(id).deliveredAt()).isNotNull();
        write(ok);
        write(accepted);
        assertThat(row(id)).isEqualTo(new Views.Command(done.id(), NODE, SITE, "ping", "{}", "succeeded",
                done.createdAt(), null, row(id).deliveredAt(), done.finishedAt(), 60_000, "ok", null, done.result()));
        assertThat(stats.snapshot().duplicates()).isEqualTo(2);
        assertThat(reader.nodes().get(0).seqGaps()).as("the late acceptance filled its hole").isZero();
        assertThat(reader.deadLetters(10)).isEmpty();
    }

    @Test
    void aSecondFinalReplyThatContradictsTheFirstIsRefused() throws SQLException {
        UUID id = command("reboot", 60_000);
        write(reply(id, "reboot", ReplyStatus.FAILED, "the printer spooler would not stop"));
        write(reply(id, "reboot", ReplyStatus.OK, ""));
        assertThat(row(id).status()).isEqualTo("failed");
        assertThat(row(id).reason()).isEqualTo("the printer spooler would not stop");
        Views.DeadLetter letter = reader.deadLetters(1).get(0);
        assertThat(letter.field()).isEqualTo("status");
        assertThat(letter.reason()).contains("already ended with 'failed'");
    }

    @Test
    void aReplyNamingAnotherCommandIsRefused() throws SQLException {
        UUID id = command("reboot", 60_000);
        write(reply(id, "ping", ReplyStatus.OK, ""));
        assertThat(row(id).status()).isEqualTo("pending");
        assertThat(reader.deadLetters(1).get(0).reason()).isEqualTo("command " + id + " is 'reboot', not 'ping'");
    }

    @Test
    void theSweepTimesOutOnlyOpenCommandsPastTheirDeadline() throws SQLException {
        UUID overdue = command("ping", 5_000);
        UUID finished = command("ping", 5_000);
        UUID later = command("ping", 50_000);
        write(reply(finished, "ping", ReplyStatus.OK, ""));
        assertThat(commands.timeOut(5_000)).as("not past it yet").isZero();
        assertThat(commands.timeOut(5_001)).isEqualTo(1);
        assertThat(row(overdue).status()).isEqualTo("timed-out");
        assertThat(row(overdue).finishedAt()).isEqualTo(5_001);
        assertThat(row(finished).status()).isEqualTo("succeeded");
        assertThat(row(later).status()).isEqualTo("pending");
        commands.sent(overdue, 6_000);
        assertThat(row(overdue).status()).as("a late PUBACK is noted, not obeyed").isEqualTo("timed-out");
        assertThat(row(overdue).sentAt()).isEqualTo(6_000);
    }

    @Test
    void aCommandThatNeverLeftFailsWithTheReason() {
        UUID id = command("ping", 60_000);
        commands.notSent(id, "not sent: the client is not connected", 2_000);
        assertThat(row(id).status()).isEqualTo("failed");
        assertThat(row(id).replyStatus()).isNull();
        assertThat(row(id).reason()).isEqualTo("not sent: the client is not connected");
        assertThat(commands.timeOut(70_000)).isZero();
    }
}
