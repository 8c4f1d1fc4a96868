package fr.relais.hub.ingest.write;

import fr.relais.hub.db.DirectStatement;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * PostgreSQL only: a batch's end-of-batch updates ({@link PendingUpdates}) as one statement per
 * table over arrays, instead of a statement per row. A JDBC batch runs the statement once per row on
 * the server; under {@code ./relais bench ingest}, about a thousand rows a batch, that was a
 * statement for every five readings.
 *
 * <p>An UPDATE joined to arrays locks its rows in whatever order its plan reads them (a hash join
 * reads the table in its physical order), not in key order as the statements row by row did. Two
 * hubs updating the rows they share in different orders could each wait for the other until
 * PostgreSQL's deadlock detection (a second) aborts one. So the updates of a batch's end are taken
 * one hub at a time: a transaction-scoped advisory lock, held until the commit that follows them.
 * Locking the rows first in key order (SELECT … ORDER BY … FOR NO KEY UPDATE) did the same at a
 * write per row: a microsecond of the server's CPU per reading under {@code ./relais bench ingest}.
 */
final class UpdateArrays {
    /** The advisory lock's key, "relais" and 1 in ASCII: only the hubs take it. */
    static final long BATCH_END = 0x72656c6169730001L;
    private static final String TAKE_TURN = "SELECT pg_advisory_xact_lock(" + BATCH_END + ")";
    private static final String NODE_METRICS = "UPDATE nodes SET"
            + " metrics = CASE WHEN " + BatchEndSql.newerNodeMetrics("nodes", "p.seq") + " THEN p.metrics"
            + " ELSE nodes.metrics END,"
            + " metrics_seq = CASE WHEN " + BatchEndSql.newerNodeMetrics("nodes", "p.seq") + " THEN p.seq"
            + " ELSE nodes.metrics_seq END"
            + " FROM unnest(?::text[], ?::int8[], ?::text[]) AS p(id, seq, metrics) WHERE nodes.id = p.id";
    private static final String DEVICES = "UPDATE devices SET"
            + " health = CASE WHEN " + BatchEndSql.newerDeviceValue("devices", "p.seq") + " THEN p.health"
            + " ELSE devices.health END,"
            + " metrics = CASE WHEN " + BatchEndSql.newerDeviceValue("devices", "p.seq") + " THEN p.metrics"
            + " ELSE devices.metrics END,"
            + " value_seq = CASE WHEN " + BatchEndSql.newerDeviceValue("devices", "p.seq") + " THEN p.seq"
            + " ELSE devices.value_seq END,"
            + " last_seen = CASE WHEN devices.last_seen IS NULL OR devices.last_seen < p.seen THEN p.seen"
            + " ELSE devices.last_seen END"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int8[], ?::int8[])"
            + " AS p(node_id, id, health, metrics, seq, seen)"
            + " WHERE devices.node_id = p.node_id AND devices.id = p.id";

    private final Connection connection;
    private final String nodesSql;
    private DirectStatement takeTurn;
    private DirectStatement nodes;
    private DirectStatement nodeMetrics;
    private DirectStatement devices;

    UpdateArrays(Connection connection, long maxSeqJump) {
        this.connection = connection;
        this.nodesSql = BatchEndSql.nodeUpdate(maxSeqJump,
                "unnest(?::text[], ?::int8[], ?::int8[], ?::int8[], ?::int8[]) AS p(id, seen, lo, hi, n)",
                "nodes.id = p.id");
    }

    /** Waits for any other hub's batch end to commit; held until this transaction ends. */
    void takeTurn() throws SQLException {
        takeTurn = prepared(takeTurn, TAKE_TURN);
        takeTurn.executeQuery().close();
    }

    /** One run of numbers for each node (a node at most once): see {@link BatchEndSql#nodeUpdate}. */
    void nodes(String[] ids, Long[] seen, Long[] lo, Long[] hi, Long[] n) throws SQLException {
        nodes = prepared(nodes, nodesSql);
        ArrayColumns.bind(connection, nodes, "text int8 int8 int8 int8", ids, seen, lo, hi, n);
        nodes.executeUpdate();
    }

    void nodeMetrics(String[] ids, Long[] seqs, String[] metrics) throws SQLException {
        nodeMetrics = prepared(nodeMetrics, NODE_METRICS);
        ArrayColumns.bind(connection, nodeMetrics, "text int8 text", ids, seqs, metrics);
        nodeMetrics.executeUpdate();
    }

    /** A device at most once. */
    void devices(String[] nodeIds, String[] ids, String[] health, String[] metrics, Long[] seqs, Long[] seen)
            throws SQLException {
        devices = prepared(devices, DEVICES);
        ArrayColumns.bind(connection, devices, "text text text text int8 int8", nodeIds, ids, health, metrics, seqs,
                seen);
        devices.executeUpdate();
    }

    private DirectStatement prepared(DirectStatement statement, String sql) throws SQLException {
        return statement != null ? statement : DirectStatement.prepare(connection, sql);
    }
}
