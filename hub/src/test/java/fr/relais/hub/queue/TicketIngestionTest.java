package fr.relais.hub.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.hub.TestDatabase;
import fr.relais.hub.content.ContentChanges;
import fr.relais.hub.content.CoworkingCheckin;
import fr.relais.hub.content.KioskActionHandler;
import fr.relais.hub.content.KioskActions;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.ingest.Received;
import fr.relais.hub.ingest.write.RegistryWriter;
import fr.relais.hub.ingest.write.StoredTotals;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Event;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.Severity;
import fr.relais.protocol.Topic;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kiosk actions through the ingestion writer as the hub runs it ({@link RegistryWriter} with the
 * {@link KioskActions} dispatcher), on SQLite and PostgreSQL: tickets queued once, garbage refused
 * without failing the batch, answers stored once and only with a committed batch.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class TicketIngestionTest {
    static final String SITE = "montcornet";
    static final String NODE = "montcornet-pi";
    static final String DAY = "2026-12-01";
    static final Instant MORNING = Instant.parse("2026-12-01T08:30:00Z");

    @Parameter
    TestDatabase.Kind kind;
    private TestDatabase testDatabase;
    private Database database;
    private RegistryWriter writer;
    private final MessageCodec codec = new MessageCodec();
    private final List<String> told = new ArrayList<>();
    private final AtomicBoolean databaseFails = new AtomicBoolean();
    private long seq;

    @BeforeEach
    void open(@TempDir Path dir) {
        testDatabase = TestDatabase.create(kind, dir);
        database = Database.open(testDatabase.url());
        KioskActions actions = new KioskActions(new ContentChanges() {
            @Override
            public void changed(String site) {
                told.add(site);
            }

            @Override
            public void changedAll() {
                told.add("*");
            }
        }).register(new TicketTaken()).register(new CoworkingCheckin()).register(new WorkshopLike());
        writer = new RegistryWriter(database, new IngestStats(), new StoredTotals()).storedEvents(actions);
    }

    @AfterEach
    void close() throws SQLException {
        database.close();
        testDatabase.close();
    }

    @Test
    void ticketsAreQueuedOnceAndGarbageIsRefusedWithoutFailingTheBatch() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        write(ticket(first, 1, "C1", "caf", MORNING), ticket(second, 2, "F2", "france-travail",
                        MORNING.plusSeconds(60)),
                // The outbox sent it again under a new message id: still one ticket.
                ticket(first, 1, "C1", "caf", MORNING),
                event("ticket-taken", "ticket", "not-a-uuid", "number", 3L, "label", "C3", "topic", "caf", "day", DAY,
                        "takenAt", MORNING.toString()),
                event("ticket-taken", "ticket", UUID.randomUUID().toString(), "number", "4", "label", "C4",
                        "topic", "caf", "day", DAY, "takenAt", MORNING.toString()),
                event("ticket-taken", "ticket", UUID.randomUUID().toString(), "number", 5L, "label", "C5",
                        "topic", "astrologie", "day", DAY, "takenAt", MORNING.toString()),
                event("ticket-taken", "ticket", UUID.randomUUID().toString(), "number", 6L, "label", "F6",
                        "topic", "caf", "day", DAY, "takenAt", MORNING.toString()),
                event("ticket-taken", "ticket", UUID.randomUUID().toString(), "number", 7L, "label", "C7",
                        "topic", "caf", "day", "hier", "takenAt", MORNING.toString()),
                event("ticket-taken", "ticket", UUID.randomUUID().toString(), "number", 8L, "label", "C8",
                        "topic", "caf", "day", DAY, "takenAt", "2025-01-01T00:00:00Z"));

        List<Ticket> queued = store().day(SITE, LocalDate.parse(DAY));
        assertThat(queued).extracting(Ticket::label).containsExactly("C1", "F2");
        assertThat(queued).allSatisfy(ticket -> {
            assertThat(ticket.status()).isEqualTo(Ticket.WAITING);
            assertThat(ticket.node()).isEqualTo(NODE);
        });
        assertThat(queued.get(1).takenAt()).isEqualTo(MORNING.plusSeconds(60).toEpochMilli());
        // The garbage events are stored as events all the same (the dead letters are for unreadable messages).
        assertThat(count("SELECT COUNT(*) FROM events")).isEqualTo(9);
        assertThat(told).containsExactly(SITE);
    }

    @Test
    void anAnswerIsStoredOnceAndNothingOfABatchRolledBack() throws Exception {
        String action = UUID.randomUUID().toString();
        databaseFails.set(true);
        assertThatThrownBy(() -> write(event("workshop-register", "action", action, "workshop", "w1"),
                ticket(UUID.randomUUID().toString(), 1, "C1", "caf", MORNING)))
                .isInstanceOf(SQLException.class);
        assertThat(count("SELECT COUNT(*) FROM kiosk_answers")).isZero();
        assertThat(count("SELECT COUNT(*) FROM queue_tickets")).isZero();
        assertThat(told).isEmpty();

        databaseFails.set(false);
        write(event("workshop-register", "action", action, "workshop", "w1"));
        // The agent tried again with a new message: the first answer stands.
        write(event("workshop-register", "action", action, "workshop", "w2"));
        assertThat(rows("SELECT action_id, status, code, node_id FROM kiosk_answers"))
                .containsExactly(List.of(action, "done", "CODE-w1", NODE));
        assertThat(told).containsExactly(SITE, SITE);
    }

    @Test
    void aHandlerThatThrowsIsRefusedAndTheRestOfTheBatchIsKept() throws Exception {
        String broken = UUID.randomUUID().toString();
        write(event("workshop-register", "action", broken, "workshop", "explode"),
                event("workshop-register", "workshop", "w1"),
                ticket(UUID.randomUUID().toString(), 1, "C1", "caf", MORNING));
        assertThat(rows("SELECT action_id, status, code FROM kiosk_answers"))
                .containsExactly(java.util.Arrays.asList(broken, "refused", null));
        assertThat(count("SELECT COUNT(*) FROM queue_tickets")).isEqualTo(1);
        // What the broken handler wrote before it threw is rolled back with it.
        assertThat(count("SELECT COUNT(*) FROM queue_tickets WHERE id = 'half-written'")).isZero();
    }

    @Test
    void aCoworkerBadgingAtTheKioskIsCheckedInThenOut() throws Exception {
        String hash = "ab".repeat(32);
        sql("INSERT INTO coworking_members (id, site_id, name, status, created_at) VALUES ('m1', '" + SITE
                + "', 'Camille', 'active', 0)");
        sql("INSERT INTO coworking_badges (id, site_id, member_id, badge_hash, label, badge_class, status, enrolled_at)"
                + " VALUES ('b1', '" + SITE + "', 'm1', '" + hash + "', 'abab', 'member', 'active', 0)");
        String in = UUID.randomUUID().toString();
        String out = UUID.randomUUID().toString();
        String stranger = UUID.randomUUID().toString();
        String garbage = UUID.randomUUID().toString();
        write(event("coworking-checkin", "action", in, "badgeHash", hash, "direction", "entry"));
        assertThat(count("SELECT COUNT(*) FROM coworking_presence WHERE member_id = 'm1' AND checked_out_at IS NULL"))
                .isEqualTo(1);
        write(event("coworking-checkin", "action", out, "badgeHash", hash, "member", "m1", "direction", "exit"),
                event("coworking-checkin", "action", stranger, "badgeHash", "cd".repeat(32), "direction", "entry"),
                event("coworking-checkin", "action", garbage, "badgeHash", hash, "direction", "sideways"));
        assertThat(count("SELECT COUNT(*) FROM coworking_presence WHERE member_id = 'm1' AND checkout = 'exit'"))
                .isEqualTo(1);
        assertThat(rows("SELECT action_id, status FROM kiosk_answers ORDER BY answered_at, action_id"))
                .contains(List.of(in, "done"), List.of(out, "done"), List.of(stranger, "refused"),
                        List.of(garbage, "refused"));
    }

    /** A stand-in for the bookings' handlers: answers a code, throws on demand, fails like a lost database. */
    private final class WorkshopLike implements KioskActionHandler {
        @Override
        public String type() {
            return "workshop-register";
        }

        @Override
        public Optional<ActionAnswer> handle(Connection writer, String site, String node, Event event, long at)
                throws SQLException {
            if (databaseFails.get()) {
                throw new SQLException("the disk is gone", "58030");
            }
            if ("explode".equals(event.data().get("workshop"))) {
                try (Statement statement = writer.createStatement()) {
                    statement.executeUpdate("INSERT INTO queue_tickets (id, site_id, node_id, day, number, label,"
                            + " topic, taken_at, status) VALUES ('half-written', 's', 'n', 'd', 1, 'C1', 'caf', 0,"
                            + " 'waiting')");
                }
                throw new IllegalStateException("a bug in a handler");
            }
            return Optional.of(ActionAnswer.done("CODE-" + event.data().get("workshop")));
        }
    }

    private Received ticket(String id, long number, String label, String topic, Instant takenAt) {
        return event("ticket-taken", "ticket", id, "number", number, "label", label, "topic", topic, "day", DAY,
                "takenAt", takenAt.toString());
    }

    private Received event(String type, Object... fields) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            data.put((String) fields[i], fields[i + 1]);
        }
        Event event = new Event(new Envelope(MessageIds.next(), ++seq, MORNING.plusSeconds(seq), ClockConfidence.SYNCED),
                Optional.of("borne"), type, Severity.INFO, type, data);
        return new Received.Valid(Topic.of(Topic.Kind.EVENT, SITE, NODE), event, codec.encode(event),
                MORNING.plusSeconds(seq).toEpochMilli());
    }

    private void write(Received... batch) throws SQLException {
        writer.write(List.of(batch));
    }

    private QueueStore store() {
        return new QueueStore(database.coworking());
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(testDatabase.url());
             Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private List<List<String>> rows(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(testDatabase.url());
             Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int columns = row.getMetaData().getColumnCount();
            while (row.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(row.getString(i));
                }
                rows.add(values);
            }
            return rows;
        }
    }

    private void sql(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(testDatabase.url());
             Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
