package fr.relais.hub.store;

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
import java.sql.PreparedStatement;
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
 */
public final class RegistryWriter {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryWriter.class);

    private final Connection connection;
    private final IngestStats stats;
    private final NodeTracker tracker = new NodeTracker();
    private PreparedStatement totalGaps;
    private boolean batchNumbered;
    private final PendingUpdates pending = new PendingUpdates();
    private final DeadLetterWriter deadLetters;
    private final MessageTables messages;
    private final CommandReplies replies;
    private final StoredTotals totals;
    private long batchTelemetry;
    private long batchEvents;
    private long batchDeadLetters;
    private long batchStored;
    private long batchDuplicates;
    private long batchStale;

    public RegistryWriter(Database database, IngestStats stats, StoredTotals totals) {
        this.connection = database.writer();
        this.stats = stats;
        this.totals = totals;
        this.deadLetters = new DeadLetterWriter(connection);
        this.messages = new MessageTables(connection);
        this.replies = new CommandReplies(connection);
        try {
            tracker.load(connection);
            totals.load(connection);
            connection.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot load the registry", e);
        }
    }

    /**
     * Writes a batch in one transaction. If the transaction fails, it is rolled back and the
     * exception propagates: the caller retries, nothing is acknowledged as stored.
     */
    public void write(List<Received> batch) throws SQLException {
        batchTelemetry = 0;
        batchEvents = 0;
        batchDeadLetters = 0;
        batchStored = 0;
        batchDuplicates = 0;
        batchStale = 0;
        batchNumbered = false;
        try {
            for (Received received : batch) {
                if (received instanceof Received.Valid valid) {
                    apply(valid);
                } else {
                    deadLetters.add((Received.Invalid) received);
                    batchDeadLetters++;
                }
            }
            pending.flush(connection);
            Long gaps = batchNumbered ? totalGaps() : null;
            connection.commit();
            totals.committed(batchTelemetry, batchEvents, batchDeadLetters, gaps);
            stats.committed(batchStored, batchDuplicates, batchDeadLetters, batchStale);
        } catch (SQLException | RuntimeException e) {
            pending.clear();
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
                batchStored++;
            }
            case DUPLICATE -> batchDuplicates++;
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
        int applied;
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO nodes (id, site_id, state, bd_seq, last_state_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (id) DO UPDATE SET state = excluded.state, bd_seq = excluded.bd_seq,"
                        + " last_state_at = excluded.last_state_at WHERE nodes.bd_seq IS NULL OR " + newer)) {
            upsert.setString(1, topic.node());
            upsert.setString(2, topic.site());
            upsert.setString(3, state.state().wire());
            upsert.setLong(4, state.bdSeq());
            upsert.setLong(5, at);
            applied = upsert.executeUpdate();
        }
        if (applied == 0) {
            batchStale++;
            return;
        }
        tracker.put(topic.node(), topic.site());
        if (state.state() == Presence.ONLINE) {
            pending.seen(topic.node(), at);
        }
        batchStored++;
    }

    /**
     * A birth applies unless an online node already announced a newer connection: births are
     * shared between hubs, so an older one may be written after a newer one. A node whose counters
     * were lost (a new SD card) comes back with a smaller {@code bdSeq}, after its Will said it
     * lost: its birth applies, and its sequence numbering starts afresh, the holes counted so far
     * kept. The birth's own sequence number is the node's current one, not a new message's: it
     * opens no hole and fills none.
     */
    private void birth(Topic topic, Birth birth, String site, long at) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO sites (id, name, kind, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE"
                        + " SET name = excluded.name, kind = excluded.kind, updated_at = excluded.updated_at")) {
            upsert.setString(1, topic.site());
            upsert.setString(2, birth.site().name());
            upsert.setString(3, birth.site().kind().wire());
            upsert.setLong(4, at);
            upsert.executeUpdate();
        }
        try (PreparedStatement restart = connection.prepareStatement("UPDATE nodes SET seq_gaps_before = seq_gaps,"
                + " min_seq = NULL, max_seq = NULL, seq_count = 0"
                + " WHERE id = ? AND bd_seq > ? AND max_seq > ? AND state <> 'online'")) {
            restart.setString(1, topic.node());
            restart.setLong(2, birth.bdSeq());
            restart.setLong(3, birth.envelope().seq());
            restart.executeUpdate();
        }
        int applied;
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO nodes (id, site_id, state, bd_seq, agent_version, config_version, last_birth_at)"
                        + " VALUES (?, ?, 'online', ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET site_id = excluded.site_id,"
                        + " state = 'online', bd_seq = excluded.bd_seq, agent_version = excluded.agent_version,"
                        + " config_version = excluded.config_version, last_birth_at = excluded.last_birth_at"
                        + " WHERE nodes.bd_seq IS NULL OR nodes.bd_seq <= excluded.bd_seq OR nodes.state <> 'online'")) {
            upsert.setString(1, topic.node());
            upsert.setString(2, topic.site());
            upsert.setLong(3, birth.bdSeq());
            upsert.setString(4, birth.agent().version());
            upsert.setString(5, birth.agent().configVersion());
            upsert.setLong(6, at);
            applied = upsert.executeUpdate();
        }
        if (applied == 0) {
            batchStale++;
            return;
        }
        if (site != null && !site.equals(topic.site())) {
            LOG.info("node {} moves from site {} to site {}", topic.node(), site, topic.site());
        }
        tracker.put(topic.node(), topic.site());
        replaceDevices(topic.node(), birth.devices());
        pending.seen(topic.node(), at);
        batchStored++;
    }

    /** The birth is the authority on what a node has: devices it no longer lists are removed. */
    private void replaceDevices(String node, List<Birth.DeviceInfo> devices) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM devices WHERE node_id = ?")) {
            delete.setString(1, node);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO devices (node_id, id, kind, name, simulated, health) VALUES (?, ?, ?, ?, ?, 'unknown')")) {
            for (Birth.DeviceInfo device : devices) {
                insert.setString(1, node);
                insert.setString(2, device.id());
                insert.setString(3, device.kind().wire());
                insert.setString(4, device.name());
                insert.setBoolean(5, device.simulated());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void telemetry(Topic topic, Telemetry telemetry, long at) throws SQLException {
        String metrics = json(telemetry.metrics());
        if (!messages.insertTelemetry(topic.node(), telemetry, metrics, at)) {
            batchDuplicates++;
            return;
        }
        batchTelemetry++;
        numbered(topic.node(), telemetry.envelope(), at);
        if (telemetry.device().isPresent()) {
            pending.device(topic.node(), telemetry.device().get(), telemetry.health().wire(), metrics,
                    telemetry.envelope().seq(), at);
        } else {
            pending.nodeMetrics(topic.node(), metrics, telemetry.envelope().seq());
        }
        batchStored++;
    }

    private void event(Topic topic, Event event, long at) throws SQLException {
        if (!messages.insertEvent(topic.node(), event, json(event.data()), at)) {
            batchDuplicates++;
            return;
        }
        batchEvents++;
        numbered(topic.node(), event.envelope(), at);
        batchStored++;
    }

    /** A message stored for the first time: its number counts once, whichever hub stored it. */
    private void numbered(String node, Envelope envelope, long at) {
        pending.numbered(node, envelope.seq(), at);
        batchNumbered = true;
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
        int inserted;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO nodes (id, site_id, state) VALUES (?, ?, 'unknown') ON CONFLICT (id) DO NOTHING")) {
            insert.setString(1, topic.node());
            insert.setString(2, topic.site());
            inserted = insert.executeUpdate();
        }
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

    private long totalGaps() throws SQLException {
        if (totalGaps == null) {
            totalGaps = connection.prepareStatement("SELECT COALESCE(SUM(seq_gaps), 0) FROM nodes");
        }
        try (java.sql.ResultSet row = totalGaps.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private void reject(Received.Valid received, String field, String reason) throws SQLException {
        deadLetters.add(new Received.Invalid(received.topic().path(), received.payload(), field, reason,
                received.receivedAt()));
        batchDeadLetters++;
    }

    private static String json(Map<String, Object> values) {
        return JsonTexts.flat(values);
    }
}
