package fr.relais.hub.access;

import fr.relais.hub.db.Database;
import fr.relais.hub.db.Sql;
import fr.relais.hub.db.StoreException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The doors' access lists as the hub keeps them (tables of V9): each site's versions, the
 * latest snapshot and the recent deltas as the exact signed bytes published, what each door
 * node said it holds, and the {@code access-list} events to answer. Calls are serialised on the
 * access lists' own connection (manual commit: each call commits or rolls back, around
 * {@link Sql}'s statements on a connection whose transaction the caller holds); they block on
 * JDBC, so they run on the access lists' thread, never on an event loop.
 */
public final class AccessListRows {
    /** The latest version of a site's list (its snapshot, large, is read apart: {@link #snapshot}). */
    public record Latest(String site, long version, long issuedAt) {
    }

    /** What a door node said it holds, and what the hub last sent it; reportedAt null: it never said. */
    public record NodeHolding(String node, String site, long heldVersion, boolean needSnapshot, Long reportedAt,
                              Long sentVersion, Long sentAt) {
    }

    /** An {@code access-list} event as stored, its data still a JSON text. */
    public record Report(String messageId, String node, String site, long seq, long receivedAt, String data) {
    }

    private final Connection connection;

    public AccessListRows(Database database) {
        this.connection = database.access();
    }

    public synchronized Optional<Latest> latest(String site) {
        return one("SELECT site_id, version, issued_at FROM access_lists WHERE site_id = ?"
                + " ORDER BY version DESC LIMIT 1", row -> new Latest(row.getString(1), row.getLong(2), row.getLong(3)),
                site);
    }

    /** The snapshot of that version, if still kept (the latest version's always is). */
    public synchronized Optional<byte[]> snapshot(String site, long version) {
        return one("SELECT snapshot FROM access_lists WHERE site_id = ? AND version = ? AND snapshot IS NOT NULL",
                row -> bytes(row.getString(1)), site, version);
    }

    /** The delta from {@code version - 1} to {@code version}, if still kept. */
    public synchronized Optional<byte[]> delta(String site, long version) {
        return one("SELECT delta FROM access_lists WHERE site_id = ? AND version = ? AND delta IS NOT NULL",
                row -> bytes(row.getString(1)), site, version);
    }

    /** Every site's latest version, for the metrics. */
    public synchronized Map<String, Long> latestVersions() {
        Map<String, Long> versions = new LinkedHashMap<>();
        for (Object[] row : all("SELECT site_id, MAX(version) FROM access_lists GROUP BY site_id ORDER BY site_id",
                r -> new Object[] {r.getString(1), r.getLong(2)})) {
            versions.put((String) row[0], (Long) row[1]);
        }
        return versions;
    }

    /**
     * Stores a new version, in one transaction: its snapshot replaces the previous one (older rows
     * keep only their delta), and deltas older than {@code keptDeltas} versions go.
     *
     * @throws StoreException also when the version exists already (another hub issued it first)
     */
    public synchronized void issued(String site, long version, long issuedAt, byte[] snapshot, byte[] delta,
                                    int keptDeltas) {
        try {
            update("INSERT INTO access_lists (site_id, version, issued_at, snapshot, delta) VALUES (?, ?, ?, ?, ?)",
                    site, version, issuedAt, text(snapshot), delta == null ? null : text(delta));
            update("UPDATE access_lists SET snapshot = NULL WHERE site_id = ? AND version < ? AND snapshot IS NOT NULL",
                    site, version);
            update("DELETE FROM access_lists WHERE site_id = ? AND version <= ?", site, version - keptDeltas - 1);
            connection.commit();
        } catch (SQLException e) {
            throw rollback("cannot store version " + version + " of the access list of " + site, e);
        }
    }

    /** Door nodes of a site: its nodes whose birth lists a door or a badge reader. */
    public synchronized List<String> doorNodes(String site) {
        return all("SELECT DISTINCT d.node_id FROM devices d JOIN nodes n ON n.id = d.node_id WHERE n.site_id = ?"
                + " AND d.kind IN ('door', 'badge-reader') ORDER BY d.node_id", row -> row.getString(1), site);
    }

    public synchronized Optional<NodeHolding> holding(String node) {
        return one(HOLDING + " WHERE node_id = ?", AccessListRows::holding, node);
    }

    public synchronized List<NodeHolding> holdings(String site) {
        return all(HOLDING + " WHERE site_id = ? ORDER BY node_id", AccessListRows::holding, site);
    }

    /** What a node said it holds; what the hub sent it stays. */
    public synchronized void reported(String node, String site, long heldVersion, boolean needSnapshot, long at) {
        change("INSERT INTO access_list_nodes (node_id, site_id, held_version, need_snapshot, reported_at)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (node_id) DO UPDATE SET site_id = excluded.site_id,"
                + " held_version = excluded.held_version, need_snapshot = excluded.need_snapshot,"
                + " reported_at = excluded.reported_at", node, site, heldVersion, needSnapshot, at);
    }

    /** The hub published {@code version} to the node (snapshot or delta). */
    public synchronized void sent(String node, String site, long version, long at) {
        change("INSERT INTO access_list_nodes (node_id, site_id, held_version, need_snapshot, sent_version, sent_at)"
                + " VALUES (?, ?, 0, ?, ?, ?) ON CONFLICT (node_id) DO UPDATE SET site_id = excluded.site_id,"
                + " sent_version = excluded.sent_version, sent_at = excluded.sent_at", node, site, true, version, at);
    }

    /**
     * The {@code access-list} events received since {@code since} (inclusive), oldest first, with
     * the site of their node; at most {@code limit}.
     */
    public synchronized List<Report> reportsSince(long since, int limit) {
        return all("SELECT e.msg_id, e.node_id, n.site_id, e.seq, e.received_at, e.data FROM events e"
                + " JOIN nodes n ON n.id = e.node_id WHERE e.type = 'access-list' AND e.received_at >= ?"
                + " ORDER BY e.received_at, e.seq LIMIT " + limit, row -> new Report(row.getString(1), row.getString(2),
                row.getString(3), row.getLong(4), row.getLong(5), row.getString(6)), since);
    }

    private static final String HOLDING = "SELECT node_id, site_id, held_version, need_snapshot, reported_at,"
            + " sent_version, sent_at FROM access_list_nodes";

    private static NodeHolding holding(ResultSet row) throws SQLException {
        return new NodeHolding(row.getString(1), row.getString(2), row.getLong(3), row.getBoolean(4),
                Sql.nullableLong(row, 5), Sql.nullableLong(row, 6), Sql.nullableLong(row, 7));
    }

    private static String text(byte[] wire) {
        return new String(wire, StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.US_ASCII);
    }

    private <T> Optional<T> one(String sql, Sql.RowMapper<T> reader, Object... parameters) {
        return read(() -> Sql.one(connection, sql, reader, parameters));
    }

    private <T> List<T> all(String sql, Sql.RowMapper<T> reader, Object... parameters) {
        return read(() -> Sql.query(connection, sql, reader, parameters));
    }

    /** A read, in a transaction of its own: committed, or rolled back on failure. */
    private <T> T read(Sql.Work<T> read) {
        try {
            T rows = read.run();
            connection.commit();
            return rows;
        } catch (SQLException e) {
            throw rollback("cannot read the access lists", e);
        }
    }

    private void change(String sql, Object... parameters) {
        try {
            update(sql, parameters);
            connection.commit();
        } catch (SQLException e) {
            throw rollback("cannot record an access list's delivery", e);
        }
    }

    private void update(String sql, Object... parameters) throws SQLException {
        Sql.update(connection, sql, parameters);
    }

    private StoreException rollback(String what, SQLException e) {
        try {
            connection.rollback();
        } catch (SQLException rollback) {
            e.addSuppressed(rollback);
        }
        return new StoreException(what + ": " + e.getMessage(), e);
    }
}
