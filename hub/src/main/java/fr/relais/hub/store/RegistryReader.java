package fr.relais.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry as the API shows it. Calls are serialised on the readers' connection and run
 * off the event loop (they block on JDBC).
 */
public final class RegistryReader {
    private final Connection connection;

    public RegistryReader(Database database) {
        this.connection = database.reader();
    }

    public synchronized List<Views.Site> sites() {
        return query("SELECT id, name, kind FROM sites ORDER BY id", row ->
                new Views.Site(row.getString(1), row.getString(2), row.getString(3)));
    }

    public synchronized List<Views.Node> nodes() {
        return query("SELECT id, site_id, state, bd_seq, agent_version, config_version, last_seen, seq_gaps"
                + " FROM nodes ORDER BY site_id, id", row -> new Views.Node(row.getString(1), row.getString(2),
                row.getString(3), nullableLong(row, 4), row.getString(5), row.getString(6), nullableLong(row, 7),
                row.getLong(8)));
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

    public synchronized Views.Totals totals() {
        return query("SELECT (SELECT COUNT(*) FROM telemetry), (SELECT COUNT(*) FROM events),"
                + " (SELECT COUNT(*) FROM dead_letters), (SELECT COALESCE(SUM(seq_gaps), 0) FROM nodes)",
                row -> new Views.Totals(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4))).get(0);
    }

    private interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private <T> List<T> query(String sql, RowMapper<T> mapper) {
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet row = select.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (row.next()) {
                rows.add(mapper.map(row));
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
