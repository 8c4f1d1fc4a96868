package fr.relais.hub.ingest.write;

import fr.relais.protocol.Birth;
import fr.relais.protocol.Topic;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a node's birth inside the ingestion writer's transaction: its site (created by the
 * first birth that names it, never renamed by a later one), its connection, its numbering and its
 * devices.
 *
 * <p>A site's name and kind belong to the inventory, which reaches the hub only through the
 * births of the site's nodes (provisioning renders them into each Pi's {@code agent.yaml}). The
 * first birth of a site registers it; a later birth that names it otherwise (a Pi configured by
 * hand, an old configuration, a compromised node) is logged, counted and ignored for the site,
 * while the node's own part of it applies. The name is changed on purpose by an administrator
 * (see hub/README.md, "Sites' names").
 */
final class BirthWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BirthWriter.class);

    /** Whether the birth applied, and whether it named its site otherwise than the registry. */
    record Outcome(boolean applied, boolean renameRefused) {
    }

    private final Connection connection;
    /** The disagreements already logged, so that a node reconnecting all day logs it once. */
    private final Set<String> warned = new HashSet<>();

    BirthWriter(Connection connection) {
        this.connection = connection;
    }

    /**
     * A birth applies unless an online node already announced a newer connection: births are
     * shared between hubs, so an older one may be written after a newer one. A node whose counters
     * were lost (a new SD card) comes back with a smaller {@code bdSeq}, after its Will said it
     * lost: its birth applies, and its sequence numbering starts afresh, the holes counted so far
     * kept. The birth's own sequence number is the node's current one, not a new message's: it
     * opens no hole and fills none.
     */
    Outcome apply(Topic topic, Birth birth, long at) throws SQLException {
        boolean renameRefused = site(topic, birth, at);
        int restarted;
        try (PreparedStatement restart = connection.prepareStatement("UPDATE nodes SET seq_gaps_before = seq_gaps,"
                + " min_seq = NULL, max_seq = NULL, seq_count = 0, seq_resets = seq_resets + 1, seq_reset_at = ?"
                + " WHERE id = ? AND bd_seq > ? AND max_seq > ? AND state <> 'online'")) {
            restart.setLong(1, at);
            restart.setString(2, topic.node());
            restart.setLong(3, birth.bdSeq());
            restart.setLong(4, birth.envelope().seq());
            restarted = restart.executeUpdate();
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
            return new Outcome(false, renameRefused);
        }
        if (restarted == 1) {
            LOG.info("node {} came back with bdSeq {} and sequence number {}, below what it had: it lost its"
                    + " counters (a new SD card?); its numbering starts afresh, the holes counted so far kept",
                    topic.node(), birth.bdSeq(), birth.envelope().seq());
        }
        replaceDevices(topic.node(), birth.devices());
        return new Outcome(true, renameRefused);
    }

    /** Registers the site if new; true if the birth names an existing site otherwise. */
    private boolean site(Topic topic, Birth birth, long at) throws SQLException {
        String name = birth.site().name();
        String kind = birth.site().kind().wire();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO sites (id, name, kind, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            insert.setString(1, topic.site());
            insert.setString(2, name);
            insert.setString(3, kind);
            insert.setLong(4, at);
            if (insert.executeUpdate() == 1) {
                return false;
            }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT name, kind FROM sites WHERE id = ?")) {
            select.setString(1, topic.site());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || (row.getString(1).equals(name) && row.getString(2).equals(kind))) {
                    return false;
                }
                if (warned.add(topic.site() + '\n' + topic.node() + '\n' + name + '\n' + kind)) {
                    LOG.warn("node {} names its site {} '{}' ({}), the registry '{}' ({}): ignored, the inventory"
                            + " names sites (see hub/README.md, \"Sites' names\")", topic.node(), topic.site(), name,
                            kind, row.getString(1), row.getString(2));
                }
                return true;
            }
        }
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
}
