package fr.relais.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The registry as the API shows it. Calls are serialised on the readers' connection and run
 * off the event loop (they block on JDBC).
 */
public final class RegistryReader {
    private static final String NODE_COLUMNS = "SELECT id, site_id, state, bd_seq, agent_version, config_version,"
            + " last_seen, seq_gaps, last_state_at, last_birth_at, metrics FROM nodes";
    private static final String COMMAND_COLUMNS = "SELECT id, node_id, site_id, name, args, status, created_at,"
            + " sent_at, delivered_at, finished_at, deadline, reply_status, reason, result FROM commands";

    private final Connection connection;
    /** Null when nodes are taken at their word (no silence timeout): tests of the writer alone. */
    private final NodeSilence silence;

    /** A reader that takes each node's state at its word, however long it has been silent. */
    public RegistryReader(Database database) {
        this.connection = database.reader();
        this.silence = null;
    }

    /** A reader that shows nodes not heard from for longer than the silence timeout as silent. */
    public RegistryReader(Database database, NodeSilence silence) {
        this.connection = database.reader();
        this.silence = java.util.Objects.requireNonNull(silence, "silence");
    }

    public synchronized List<Views.Site> sites() {
        return query("SELECT id, name, kind FROM sites ORDER BY id", row ->
                new Views.Site(row.getString(1), row.getString(2), row.getString(3)));
    }

    public synchronized List<Views.Node> nodes() {
        return query(NODE_COLUMNS + " ORDER BY site_id, id", this::node);
    }

    public synchronized Optional<Views.Node> node(String id) {
        return query(NODE_COLUMNS + " WHERE id = ?", this::node, id).stream().findFirst();
    }

    public synchronized List<Views.Device> devices() {
        return query("SELECT d.id, d.node_id, n.site_id, d.kind, d.name, d.simulated, d.health, d.metrics, d.last_seen"
                + " FROM devices d JOIN nodes n ON n.id = d.node_id ORDER BY n.site_id, d.node_id, d.id",
                row -> new Views.Device(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getBoolean(6), row.getString(7), row.getString(8),
                        nullableLong(row, 9)));
    }

    /** The most recent dead letters first. */
    public synchronized List<Views.DeadLetter> deadLetters(int limit) {
        return query("SELECT id, received_at, topic, field, reason, payload_size, payload_base64 FROM dead_letters"
                + " ORDER BY received_at DESC, id DESC LIMIT " + Math.max(1, Math.min(limit, 1000)),
                row -> new Views.DeadLetter(row.getString(1), row.getLong(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getInt(6), row.getString(7)));
    }

    public synchronized Optional<Views.Command> command(UUID id) {
        return query(COMMAND_COLUMNS + " WHERE id = ?", RegistryReader::command, id.toString()).stream().findFirst();
    }

    /** A node's most recent commands first. */
    public synchronized List<Views.Command> commands(String node, int limit) {
        return query(COMMAND_COLUMNS + " WHERE node_id = ? ORDER BY created_at DESC, id DESC LIMIT "
                + Math.max(1, Math.min(limit, 1000)), RegistryReader::command, node);
    }

    private Views.Node node(ResultSet row) throws SQLException {
        Long lastSeen = nullableLong(row, 7);
        Long lastHeard = NodeSilence.latest(lastSeen, nullableLong(row, 9), nullableLong(row, 10));
        boolean silent = silence != null && "online".equals(row.getString(3)) && silence.silent(lastHeard);
        return new Views.Node(row.getString(1), row.getString(2), row.getString(3), nullableLong(row, 4),
                row.getString(5), row.getString(6), lastSeen, row.getLong(8), silent, row.getString(11));
    }

    private static Views.Command command(ResultSet row) throws SQLException {
        return new Views.Command(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getLong(7), nullableLong(row, 8), nullableLong(row, 9),
                nullableLong(row, 10), row.getLong(11), row.getString(12), row.getString(13), row.getString(14));
    }

    private interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private <T> List<T> query(String sql, RowMapper<T> mapper, String... parameters) {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(mapper.map(row));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException("cannot read the registry: " + e.getMessage(), e);
        }
    }

    private static Long nullableLong(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
