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
 */
public final class RegistryWriter {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryWriter.class);

    private final Connection connection;
    private final IngestStats stats;
    private final NodeTracker tracker = new NodeTracker();
    private final PendingUpdates pending = new PendingUpdates();
    private final DeadLetterWriter deadLetters;
    private final MessageTables messages;
    private final CommandReplies replies;
    private final StoredTotals totals;
    private long batchTelemetry;
    private long batchEvents;
    private long batchDeadLetters;

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
        try {
            for (Received received : batch) {
                if (received instanceof Received.Valid valid) {
                    apply(valid);
                } else {
                    deadLetters.add((Received.Invalid) received);
                    batchDeadLetters++;
                    stats.deadLetter();
                }
            }
            pending.flush(connection);
            connection.commit();
            totals.committed(batchTelemetry, batchEvents, batchDeadLetters, tracker.totalGaps());
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
        NodeTracker.Node node = tracker.get(topic.node());
        if (node != null && !node.site.equals(topic.site()) && !(message instanceof Birth)) {
            reject(received, "topic", "node " + topic.node() + " belongs to site " + node.site
                    + ", not " + topic.site() + " (a new birth is needed to move it)");
            return;
        }
        if (message instanceof NodeState state) {
            state(topic, state, node, received.receivedAt());
        } else if (message instanceof Birth birth) {
            birth(topic, birth, node, received.receivedAt());
        } else if (message instanceof Telemetry telemetry) {
            telemetry(topic, telemetry, known(topic, node), received.receivedAt());
        } else if (message instanceof Event event) {
            event(topic, event, known(topic, node), received.receivedAt());
        } else if (message instanceof Reply reply) {
            reply(received, reply, node);
        } else {
            reject(received, "topic", "the hub does not ingest " + message.getClass().getSimpleName() + " messages");
        }
    }

    private void reply(Received.Valid received, Reply reply, NodeTracker.Node node) throws SQLException {
        Topic topic = received.topic();
        CommandReplies.Outcome outcome = replies.apply(topic.node(), reply, received.receivedAt());
        switch (outcome.kind()) {
            case STORED -> {
                seen(topic.node(), reply.envelope(), known(topic, node), received.receivedAt());
                stats.stored();
            }
            case DUPLICATE -> stats.duplicate();
            case REFUSED -> reject(received, outcome.field(), outcome.reason());
            default -> throw new IllegalStateException("unexpected " + outcome);
        }
    }

    private void state(Topic topic, NodeState state, NodeTracker.Node node, long at) throws SQLException {
        if (state.state() != Presence.ONLINE && node != null && node.bdSeq != null && node.bdSeq != state.bdSeq()) {
            // The Will or goodbye of an older connection: the node has reconnected since.
            stats.staleState();
            return;
        }
        NodeTracker.Node tracked = node == null ? tracker.add(topic.node(), topic.site()) : node;
        tracked.bdSeq = state.bdSeq();
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO nodes (id, site_id, state, bd_seq, last_state_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (id) DO UPDATE SET state = excluded.state, bd_seq = excluded.bd_seq,"
                        + " last_state_at = excluded.last_state_at")) {
            upsert.setString(1, topic.node());
            upsert.setString(2, topic.site());
            upsert.setString(3, state.state().wire());
            upsert.setLong(4, state.bdSeq());
            upsert.setLong(5, at);
            upsert.executeUpdate();
        }
        if (state.state() == Presence.ONLINE) {
            pending.node(topic.node(), at, tracked);
        }
        stats.stored();
    }

    private void birth(Topic topic, Birth birth, NodeTracker.Node node, long at) throws SQLException {
        try (PreparedStatement site = connection.prepareStatement(
                "INSERT INTO sites (id, name, kind, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE"
                        + " SET name = excluded.name, kind = excluded.kind, updated_at = excluded.updated_at")) {
            site.setString(1, topic.site());
            site.setString(2, birth.site().name());
            site.setString(3, birth.site().kind().wire());
            site.setLong(4, at);
            site.executeUpdate();
        }
        NodeTracker.Node tracked = node;
        if (node == null || !node.site.equals(topic.site())) {
            if (node != null) {
                LOG.info("node {} moves from site {} to site {}", topic.node(), node.site, topic.site());
            }
            tracked = tracker.replace(topic.node(), topic.site(), node);
        }
        if (tracked.maxSeq != null && birth.envelope().seq() < tracked.maxSeq) {
            // The node lost its counters (new SD card): a new numbering starts, not a gap.
            tracked.maxSeq = null;
        }
        tracked.track(birth.envelope().seq());
        tracked.bdSeq = birth.bdSeq();
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO nodes (id, site_id, state, bd_seq, agent_version, config_version, last_birth_at)"
                        + " VALUES (?, ?, 'online', ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET site_id = excluded.site_id,"
                        + " state = 'online', bd_seq = excluded.bd_seq, agent_version = excluded.agent_version,"
                        + " config_version = excluded.config_version, last_birth_at = excluded.last_birth_at")) {
            upsert.setString(1, topic.node());
            upsert.setString(2, topic.site());
            upsert.setLong(3, birth.bdSeq());
            upsert.setString(4, birth.agent().version());
            upsert.setString(5, birth.agent().configVersion());
            upsert.setLong(6, at);
            upsert.executeUpdate();
        }
        replaceDevices(topic.node(), birth.devices());
        pending.node(topic.node(), at, tracked);
        stats.stored();
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

    private void telemetry(Topic topic, Telemetry telemetry, NodeTracker.Node node, long at) throws SQLException {
        String metrics = json(telemetry.metrics());
        if (!messages.insertTelemetry(topic.node(), telemetry, metrics, at)) {
            stats.duplicate();
            return;
        }
        batchTelemetry++;
        seen(topic.node(), telemetry.envelope(), node, at);
        if (telemetry.device().isPresent()) {
            pending.device(topic.node(), telemetry.device().get(), telemetry.health().wire(), metrics,
                    telemetry.envelope().seq(), at);
        } else {
            pending.nodeMetrics(topic.node(), metrics, telemetry.envelope().seq());
        }
        stats.stored();
    }

    private void event(Topic topic, Event event, NodeTracker.Node node, long at) throws SQLException {
        if (!messages.insertEvent(topic.node(), event, json(event.data()), at)) {
            stats.duplicate();
            return;
        }
        batchEvents++;
        seen(topic.node(), event.envelope(), node, at);
        stats.stored();
    }

    private void seen(String nodeId, Envelope envelope, NodeTracker.Node node, long at) {
        node.track(envelope.seq());
        pending.node(nodeId, at, node);
    }

    /** A node heard of before its state or birth (the hub started late): registered as unknown. */
    private NodeTracker.Node known(Topic topic, NodeTracker.Node node) throws SQLException {
        if (node != null) {
            return node;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO nodes (id, site_id, state) VALUES (?, ?, 'unknown') ON CONFLICT (id) DO NOTHING")) {
            insert.setString(1, topic.node());
            insert.setString(2, topic.site());
            insert.executeUpdate();
        }
        return tracker.add(topic.node(), topic.site());
    }

    private void reject(Received.Valid received, String field, String reason) throws SQLException {
        deadLetters.add(new Received.Invalid(received.topic().path(), received.payload(), field, reason,
                received.receivedAt()));
        batchDeadLetters++;
        stats.deadLetter();
    }

    private static String json(Map<String, Object> values) {
        return JsonTexts.flat(values);
    }
}
