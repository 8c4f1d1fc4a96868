package fr.relais.hub.ingest.write;

import fr.relais.hub.db.DirectStatement;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Envelope;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * PostgreSQL only: a batch's readings inserted by one statement, each column sent as an array and
 * unnested by the server. A JDBC batch still runs the statement once per row on the server (a bind
 * and an execution each); this runs it once. Under {@code ./relais bench ingest} (600 000 readings
 * in all) the server's CPU fell from 10.2-10.7 s to 7.5-7.8 s and the writer's from 2.1-2.3 s to
 * 1.6-1.7 s.
 *
 * <p>Redeliveries are found first, by one lookup of the batch's ids, and left out of a plain
 * INSERT. {@code ON CONFLICT DO NOTHING} did both in one statement, but it inserts each row
 * speculatively (a lock taken and released, a second record written to confirm it): the same
 * 600 000 rows took the server 5.3-7.1 s that way and 4.3-5.8 s looked up first. The lookup
 * cannot see a reading another hub is storing at the same moment (a broker's redelivery after a
 * failover): the INSERT then waits for that hub's transaction and, once it commits, fails on the
 * key. That is told as a conflict between transactions ({@link #CROSSED}), after which the batch
 * goes again and the lookup finds the reading.
 */
final class ReadingArrays {
    /** SQLSTATE 40001, serialization failure: the writer sends the batch again at once (WriteFault.CONFLICT). */
    static final String CROSSED = "40001";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String LOOKUP = "SELECT msg_id FROM telemetry WHERE msg_id = ANY (?::uuid[])";
    private static final String INSERT = "INSERT INTO telemetry (msg_id, node_id, device_id, seq, device_ts,"
            + " clock_synced, received_at, health, metrics)"
            + " SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::int8[], ?::int8[], ?::bool[], ?::int8[],"
            + " ?::text[], ?::text[])";

    private final Connection connection;
    private DirectStatement lookup;
    private DirectStatement insert;

    ReadingArrays(Connection connection) {
        this.connection = connection;
    }

    static boolean usable(Connection connection) throws SQLException {
        return connection.getMetaData().getURL().startsWith("jdbc:postgresql:");
    }

    /**
     * Inserts the rows; for each, in order, true if it was stored now, false if its message id
     * already was, or came earlier among these rows (the same message delivered twice).
     */
    boolean[] insert(List<TelemetryRows.Row> rows) throws SQLException {
        int count = rows.size();
        UUID[] ids = new UUID[count];
        for (int i = 0; i < count; i++) {
            ids[i] = rows.get(i).telemetry().envelope().msgId();
        }
        Set<UUID> taken = stored(ids);
        boolean[] fresh = new boolean[count];
        int inserting = 0;
        for (int i = 0; i < count; i++) {
            // add: a second copy within the batch finds the first one's id taken.
            fresh[i] = taken.add(ids[i]);
            if (fresh[i]) {
                inserting++;
            }
        }
        if (inserting > 0) {
            insertFresh(rows, fresh, inserting);
        }
        return fresh;
    }

    /** The ids among these that are stored already (a set the caller may add to). */
    private Set<UUID> stored(UUID[] ids) throws SQLException {
        if (lookup == null) {
            lookup = DirectStatement.prepare(connection, LOOKUP);
        }
        lookup.setObject(1, connection.createArrayOf("uuid", ids));
        Set<UUID> stored = new HashSet<>(ids.length * 2); // the caller adds every id
        try (ResultSet found = lookup.executeQuery()) {
            while (found.next()) {
                stored.add(found.getObject(1, UUID.class));
            }
        }
        return stored;
    }

    private void insertFresh(List<TelemetryRows.Row> rows, boolean[] fresh, int inserting) throws SQLException {
        UUID[] ids = new UUID[inserting];
        String[] nodes = new String[inserting];
        String[] devices = new String[inserting];
        Long[] seqs = new Long[inserting];
        Long[] deviceTimes = new Long[inserting];
        Boolean[] synced = new Boolean[inserting];
        Long[] receivedAt = new Long[inserting];
        String[] health = new String[inserting];
        String[] metrics = new String[inserting];
        int j = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (!fresh[i]) {
                continue;
            }
            TelemetryRows.Row row = rows.get(i);
            Envelope envelope = row.telemetry().envelope();
            ids[j] = envelope.msgId();
            nodes[j] = row.topic().node();
            devices[j] = row.telemetry().device().orElse(null);
            seqs[j] = envelope.seq();
            deviceTimes[j] = envelope.ts().toEpochMilli();
            synced[j] = envelope.clock() == ClockConfidence.SYNCED;
            receivedAt[j] = row.receivedAt();
            health[j] = row.telemetry().health().wire();
            metrics[j] = row.metrics();
            j++;
        }
        if (insert == null) {
            insert = DirectStatement.prepare(connection, INSERT);
        }
        ArrayColumns.bind(connection, insert, "uuid text text int8 int8 bool int8 text text", ids, nodes, devices,
                seqs, deviceTimes, synced, receivedAt, health, metrics);
        int inserted;
        try {
            inserted = insert.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new SQLTransactionRollbackException("another transaction stored one of these " + inserting
                        + " readings after they were looked up (another hub, after a redelivery); the batch goes"
                        + " again", CROSSED, e);
            }
            throw e;
        }
        if (inserted != inserting) {
            throw new SQLException("the database stored " + inserted + " of " + inserting + " telemetry rows");
        }
    }
}
