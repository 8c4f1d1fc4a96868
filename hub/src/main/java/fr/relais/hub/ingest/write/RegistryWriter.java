package fr.relais.hub.ingest.write;

import fr.relais.hub.db.Database;
import fr.relais.hub.db.JsonTexts;
import fr.relais.hub.db.Sql;
import fr.relais.hub.db.StoreException;
import fr.relais.hub.ingest.DeadLetterRetry;
import fr.relais.hub.ingest.IngestLimits;
import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.ingest.Received;
import fr.relais.protocol.Birth;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Event;
import fr.relais.protocol.Message;
import fr.relais.protocol.NodeState;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Reply;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what ingestion received into the registry and the message tables, and the nodes'
 * replies into their commands ({@link CommandReplies}), a batch per transaction. Runs on one
 * thread only. Duplicates (same message id) are dropped and counted; messages that contradict
 * the registry go to the dead letters with the reason.
 *
 * <p>Other hubs may write the same database at the same time (they share the node messages):
 * a message id is inserted once whoever inserts it, and the registry only moves forward by
 * comparisons made in SQL against the row as it is, never by values this hub alone remembers.
 *
 * <p>No single message may poison a counter or the storage: a sequence number far from its node's
 * numbering starts a new numbering ({@link PendingUpdates}), a birth cannot rename its site
 * ({@link BirthWriter}), dead letters are kept once per distinct message and within each node's
 * allowance ({@link DeadLetterWriter}). A retried dead letter ({@link Received.Retry}) goes
 * through the same path as a message from the broker; stored, it leaves the dead letters, and
 * refused again, it is not kept a second time.
 *
 * <p>JDBC: a statement run once per message goes through {@link Sql}'s helpers on the writer's
 * connection (no lock, no commit: the batch's transaction is this class's). The hot paths keep
 * their own statements, prepared once per writer and reused for every message of every batch
 * ({@link MessageTables}, {@link NodeTracker}, {@link NumberingTotals}) or sent as JDBC batches
 * (the readings, {@link TelemetryRows}; {@link PendingUpdates}, {@link BirthWriter}): ingestion's
 * throughput is in that reuse.
 * What a batch did is counted in {@link BatchCounts} and reported once it has committed.
 */
public final class RegistryWriter {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryWriter.class);

    private final Connection connection;
    private final IngestStats stats;
    private final NodeTracker tracker = new NodeTracker();
    private final NumberingTotals numberingTotals;
    private final PendingUpdates pending;
    private final DeadLetterWriter deadLetters;
    private final BirthWriter births;
    private final GuardCounters guards;
    private final MessageTables messages;
    private final TelemetryRows readings;
    private final TelemetryRows.Outcome readingOutcome = new TelemetryRows.Outcome() {
        @Override
        public void stored(TelemetryRows.Row row) {
            storedReading(row);
        }

        @Override
        public void duplicate(TelemetryRows.Row row) {
            batch.duplicates++;
        }
    };
    private final CommandReplies replies;
    private final StoredTotals totals;
    private final BatchCounts batch = new BatchCounts();
    /** The retry being applied, whose refusal is recorded on its dead letter rather than kept again. */
    private DeadLetterRetry retrying;
    private Refusal refusal;
    private StoredEvents storedEvents = StoredEvents.NONE;
    private final ChangeCollector changes = new ChangeCollector();

    /** Why a retried message is still refused. */
    private record Refusal(String field, String reason) {
    }

    public RegistryWriter(Database database, IngestStats stats, StoredTotals totals) {
        this(database, stats, totals, IngestLimits.DEFAULT, new GuardCounters());
    }

    public RegistryWriter(Database database, IngestStats stats, StoredTotals totals, IngestLimits limits,
                          GuardCounters guards) {
        this.connection = database.writer();
        this.stats = stats;
        this.totals = totals;
        this.guards = guards;
        this.births = new BirthWriter(connection);
        this.numberingTotals = new NumberingTotals(connection);
        this.deadLetters = new DeadLetterWriter(connection, limits.deadLettersPerNode());
        this.messages = new MessageTables(connection);
        try {
            boolean postgres = PostgresReadings.usable(connection);
            this.readings = new TelemetryRows(messages, postgres ? new PostgresReadings(connection) : null);
            this.pending = new PendingUpdates(limits.maxSeqJump(),
                    postgres ? new UpdateArrays(connection, limits.maxSeqJump()) : null);
        } catch (SQLException e) {
            throw new StoreException("cannot tell the hub's database apart", e);
        }
        this.replies = new CommandReplies(connection);
        try {
            tracker.load(connection);
            totals.load(connection);
            connection.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot load the registry", e);
        }
    }

    /** Who also writes what an event means, in the same transaction (the coworking access log). */
    public RegistryWriter storedEvents(StoredEvents hook) {
        this.storedEvents = java.util.Objects.requireNonNull(hook, "hook");
        return this;
    }

    /** Who is told what each committed batch changed (the live channel); may be set while the writer runs. */
    public RegistryWriter changes(BatchChanges listener) {
        changes.listener(listener);
        return this;
    }

    /**
     * Writes a batch in one transaction. If the transaction fails, it is rolled back and the
     * exception propagates: the caller retries, nothing is acknowledged as stored.
     */
    public void write(List<Received> incoming) throws SQLException {
        batch.reset();
        try {
            for (Received received : incoming) {
                batch.firstSeen = Math.min(batch.firstSeen, received.receivedAt());
                if (!(received instanceof Received.Valid valid && valid.message() instanceof Telemetry)) {
                    readings.send(readingOutcome); // the readings before it are applied first
                }
                if (received instanceof Received.Valid valid) {
                    apply(valid);
                } else if (received instanceof Received.Retry retry) {
                    retry(retry);
                } else {
                    keep((Received.Invalid) received);
                }
            }
            readings.send(readingOutcome);
            pending.flush(connection);
            long[] numbering = batch.numbered ? numberingTotals.read(totals.snapshot().seqResets(), batch.firstSeen)
                    : null;
            connection.commit();
            storedEvents.committed();
            changes.committed();
            batch.committed(totals, stats, guards, numbering);
        } catch (SQLException | RuntimeException | AssertionError e) {
            // AssertionError: PgJDBC's, when the server goes away mid-batch (see IngestWriter).
            readings.clear();
            pending.clear();
            storedEvents.rolledBack();
            changes.clear();
            connection.rollback();
            tracker.load(connection);
            connection.commit();
            throw e;
        }
    }

    private void apply(Received.Valid received) throws SQLException {
        Topic topic = received.topic();
        Message message = received.message();
        String site = tracker.site(topic.node());
        if (site != null && !site.equals(topic.site()) && !(message instanceof Birth)) {
            // Another hub may have applied the birth that moved it.
            site = tracker.refresh(connection, topic.node());
        }
        if (site != null && !site.equals(topic.site()) && !(message instanceof Birth)) {
            misplaced(received, site);
            return;
        }
        if (message instanceof NodeState state) {
            state(topic, state, received.receivedAt());
        } else if (message instanceof Birth birth) {
            birth(topic, birth, site, received.receivedAt());
        } else if (message instanceof Telemetry telemetry) {
            if (known(received, site)) {
                telemetry(topic, telemetry, received.receivedAt());
            }
        } else if (message instanceof Event event) {
            if (known(received, site)) {
                event(topic, event, received.receivedAt());
            }
        } else if (message instanceof Reply reply) {
            reply(received, reply, site);
        } else {
            reject(received, "topic", "the hub does not ingest " + message.getClass().getSimpleName() + " messages");
        }
    }

    private void reply(Received.Valid received, Reply reply, String site) throws SQLException {
        Topic topic = received.topic();
        CommandReplies.Outcome outcome = replies.apply(topic.node(), reply, received.receivedAt());
        switch (outcome.kind()) {
            case STORED -> {
                known(received, site);
                numbered(topic.node(), reply.envelope(), received.receivedAt());
                changes.command(reply.requestId().toString());
                batch.stored++;
            }
            case DUPLICATE -> batch.duplicates++;
            case REFUSED -> reject(received, outcome.field(), outcome.reason());
            default -> throw new IllegalStateException("unexpected " + outcome);
        }
    }

    /**
     * A state applies unless it is older than what the registry holds: an {@code online} of an
     * older connection, or of the same connection once its goodbye or Will is known; an
     * {@code offline} or {@code lost} of another connection than the current one (the Will of an
     * older one, arriving late). Every hub receives every state, so each arrives here once per
     * hub: applying it again changes nothing.
     */
    private void state(Topic topic, NodeState state, long at) throws SQLException {
        String newer = state.state() == Presence.ONLINE
                ? "excluded.bd_seq > nodes.bd_seq OR (excluded.bd_seq = nodes.bd_seq AND nodes.state IN ('online', 'unknown'))"
                : "excluded.bd_seq = nodes.bd_seq";
        int applied = Sql.update(connection, "INSERT INTO nodes (id, site_id, state, bd_seq, last_state_at)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state,"
                + " bd_seq = excluded.bd_seq, last_state_at = excluded.last_state_at"
                + " WHERE nodes.bd_seq IS NULL OR " + newer, topic.node(), topic.site(), state.state().wire(),
                state.bdSeq(), at);
        if (applied == 0) {
            batch.stale++;
            return;
        }
        tracker.put(topic.node(), topic.site());
        changes.node(topic.site(), topic.node(), state.state().wire(), false, at);
        if (state.state() == Presence.ONLINE) {
            pending.seen(topic.node(), at);
        }
        batch.stored++;
    }

    private void birth(Topic topic, Birth birth, String site, long at) throws SQLException {
        BirthWriter.Outcome outcome = births.apply(topic, birth, at);
        if (outcome.renameRefused()) {
            batch.renamesRefused++;
        }
        if (!outcome.applied()) {
            batch.stale++;
            return;
        }
        if (site != null && !site.equals(topic.site())) {
            LOG.info("node {} moves from site {} to site {}", topic.node(), site, topic.site());
        }
        tracker.put(topic.node(), topic.site());
        changes.node(topic.site(), topic.node(), "online", true, at);
        pending.seen(topic.node(), at);
        batch.stored++;
    }

    /** Sent with the batch's next readings ({@link TelemetryRows}); applied by {@link #storedReading}. */
    private void telemetry(Topic topic, Telemetry telemetry, long at) throws SQLException {
        readings.add(new TelemetryRows.Row(topic, telemetry, json(telemetry.metrics()), at));
    }

    /** A reading stored for the first time. */
    private void storedReading(TelemetryRows.Row row) {
        Topic topic = row.topic();
        Telemetry telemetry = row.telemetry();
        String metrics = row.metrics();
        long at = row.receivedAt();
        batch.telemetry++;
        numbered(topic.node(), telemetry.envelope(), at);
        if (telemetry.device().isPresent()) {
            pending.device(topic.node(), telemetry.device().get(), telemetry.health().wire(), metrics,
                    telemetry.envelope().seq(), at);
            changes.device(topic.site(), topic.node(), telemetry.device().get(), telemetry.health().wire(), metrics,
                    telemetry.envelope().ts().toEpochMilli(), at);
        } else {
            pending.nodeMetrics(topic.node(), metrics, telemetry.envelope().seq());
        }
        batch.stored++;
    }

    private void event(Topic topic, Event event, long at) throws SQLException {
        if (!messages.insertEvent(topic.node(), event, json(event.data()), at)) {
            batch.duplicates++;
            return;
        }
        batch.events++;
        storedEvents.stored(connection, topic.site(), topic.node(), event, at);
        changes.event(topic.site(), topic.node(), event.device().orElse(null), event.type(), event.severity().wire(),
                event.envelope().ts().toEpochMilli(), at);
        numbered(topic.node(), event.envelope(), at);
        batch.stored++;
    }

    /** A message stored for the first time: its number counts once, whichever hub stored it. */
    private void numbered(String node, Envelope envelope, long at) {
        pending.numbered(node, envelope.seq(), at);
        batch.numbered = true;
    }

    /**
     * A node heard of before its state or birth (the hub started late) is registered as unknown.
     * The insert comes before any read: on SQLite a transaction must start with a write (see
     * {@link Database}). False, and the message refused, if another hub registered the node
     * under another site meanwhile.
     */
    private boolean known(Received.Valid received, String site) throws SQLException {
        if (site != null) {
            return true;
        }
        Topic topic = received.topic();
        int inserted = Sql.update(connection, "INSERT INTO nodes (id, site_id, state) VALUES (?, ?, 'unknown')"
                + " ON CONFLICT (id) DO NOTHING", topic.node(), topic.site());
        if (inserted == 1) {
            tracker.put(topic.node(), topic.site());
            return true;
        }
        String current = tracker.refresh(connection, topic.node());
        if (current != null && !current.equals(topic.site())) {
            misplaced(received, current);
            return false;
        }
        return true;
    }

    private void misplaced(Received.Valid received, String site) throws SQLException {
        reject(received, "topic", "node " + received.topic().node() + " belongs to site " + site
                + ", not " + received.topic().site() + " (a new birth is needed to move it)");
    }

    private void reject(Received.Valid received, String field, String reason) throws SQLException {
        if (retrying != null) {
            refusal = new Refusal(field, reason);
            return;
        }
        keep(new Received.Invalid(received.topic().path(), received.payload(), field, reason, received.receivedAt()));
    }

    /** A refused message: kept once, in its node's allowance. */
    private void keep(Received.Invalid invalid) throws SQLException {
        DeadLetterWriter.Kept kept = deadLetters.add(invalid);
        if (kept.repeat()) {
            batch.repeats++;
        } else {
            batch.deadLetters++;
            batch.evicted += kept.evicted();
        }
    }

    /**
     * A dead letter given another chance. Applied like any message; what would have made a new
     * dead letter is recorded on this one instead. Stored, or already stored, it leaves the dead
     * letters.
     */
    private void retry(Received.Retry retry) throws SQLException {
        long storedBefore = batch.stored;
        retrying = retry.retry();
        refusal = null;
        try {
            if (retry.message() instanceof Received.Valid valid) {
                apply(valid);
                readings.send(readingOutcome); // its outcome decides the dead letter's, now
            } else if (retry.message() instanceof Received.Invalid invalid) {
                refusal = new Refusal(invalid.field(), invalid.reason());
            } else {
                refusal = new Refusal("payload", "a retry of a retry");
            }
        } finally {
            retrying = null;
        }
        DeadLetterRetry.Kind kind;
        if (refusal != null) {
            kind = DeadLetterRetry.Kind.REFUSED;
            deadLetters.refusedAgain(retry.retry().deadLetterId(), refusal.field(), refusal.reason());
            retry.retry().decided(kind, refusal.field(), refusal.reason());
        } else {
            kind = batch.stored > storedBefore ? DeadLetterRetry.Kind.STORED : DeadLetterRetry.Kind.DUPLICATE;
            batch.removed += deadLetters.remove(retry.retry().deadLetterId());
            retry.retry().decided(kind, null, null);
        }
        batch.retries.add(kind);
    }

    private static String json(Map<String, Object> values) {
        return JsonTexts.flat(values);
    }
}
