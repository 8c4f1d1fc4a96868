package fr.relais.hub.ingest.write;

import fr.relais.hub.db.CopyText;
import fr.relais.hub.db.TableCopy;
import fr.relais.hub.db.DirectStatement;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Envelope;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Savepoint;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * PostgreSQL only: a batch's readings sent to the server together, by one {@code COPY}. A JDBC
 * batch runs an INSERT once per row on the server (a bind and an execution each): under {@code
 * ./relais bench ingest} (600 000 readings in all) its CPU fell from 10.2-10.7 s to 7.5-7.8 s with
 * the rows as arrays unnested by one INSERT, and under the writer's harness from about 6.3 to 5.4 µs
 * a message with COPY instead of those arrays.
 *
 * <p>Redeliveries (a message the broker or an agent sent again after a lost acknowledgement) are
 * rare and come in bursts. So the readings are copied without asking first, under a savepoint: if
 * one of them is stored already, the primary key refuses the copy, only the copy is undone, and
 * the batch's ids are then looked up and the others copied. The readings sent next look their
 * ids up first, for as long as a burst of redeliveries lasts (the next {@value
 * #LOOKUPS_AFTER_A_REDELIVERY} times readings are sent; a batch sends its readings once, or once per
 * run of them between other kinds of message). Asking first for every batch cost the server about 0.7 µs a message; {@code ON
 * CONFLICT DO NOTHING}, which an INSERT has but COPY has not, inserted each row speculatively (a
 * lock taken and released, a second WAL record written to confirm it) and cost more still.
 *
 * <p>A lookup cannot see a reading another hub is storing at the same moment (a broker's
 * redelivery after a failover): the copy then waits for that hub's transaction and, once it
 * commits, fails on the key. After a copy without a lookup, that is just a redelivery (undone,
 * looked up, copied again). After a lookup it is told as a conflict between transactions ({@link
 * #CROSSED}): the batch goes again, and its lookup then finds the reading.
 */
final class PostgresReadings {
    /** SQLSTATE 40001, serialization failure: the writer sends the batch again at once (WriteFault.CONFLICT). */
    static final String CROSSED = "40001";
    /** How many times readings are sent with their ids looked up first, after a copy met a redelivery. */
    private static final int LOOKUPS_AFTER_A_REDELIVERY = 20;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String LOOKUP = "SELECT msg_id FROM telemetry WHERE msg_id = ANY (?::uuid[])";
    private static final String COPY = "COPY telemetry (msg_id, node_id, device_id, seq, device_ts, clock_synced,"
            + " received_at, health, metrics) FROM STDIN";
    /** About a row's length in COPY's text (the metrics' JSON is most of it). */
    private static final int ROW_CHARS = 256;

    private final Connection connection;
    private DirectStatement lookup;
    private int lookingUpFirst;

    PostgresReadings(Connection connection) {
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
        if (lookingUpFirst > 0) {
            lookingUpFirst--;
            return insertNotStored(rows, ids);
        }
        boolean[] fresh = marked(ids, new HashSet<>(count * 2));
        Savepoint before = connection.setSavepoint();
        try {
            copy(rows, fresh);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            // A redelivery of a reading stored before: only the copy is undone.
            connection.rollback(before);
            lookingUpFirst = LOOKUPS_AFTER_A_REDELIVERY;
            return insertNotStored(rows, ids);
        }
        connection.releaseSavepoint(before);
        return fresh;
    }

    private boolean[] insertNotStored(List<TelemetryRows.Row> rows, UUID[] ids) throws SQLException {
        boolean[] fresh = marked(ids, stored(ids));
        try {
            copy(rows, fresh);
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new SQLTransactionRollbackException("another transaction stored one of these " + ids.length
                        + " readings after they were looked up (another hub, after a redelivery); the batch goes"
                        + " again", CROSSED, e);
            }
            throw e;
        }
        return fresh;
    }

    /** For each id, whether it was not in {@code taken}; each is added, so a second copy of one is marked taken. */
    private static boolean[] marked(UUID[] ids, Set<UUID> taken) {
        boolean[] fresh = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) {
            fresh[i] = taken.add(ids[i]);
        }
        return fresh;
    }

    /** The ids among these that are stored already (a set the caller adds to). */
    private Set<UUID> stored(UUID[] ids) throws SQLException {
        if (lookup == null) {
            lookup = DirectStatement.prepare(connection, LOOKUP);
        }
        lookup.setObject(1, connection.createArrayOf("uuid", ids));
        Set<UUID> stored = new HashSet<>(ids.length * 2);
        try (ResultSet found = lookup.executeQuery()) {
            while (found.next()) {
                stored.add(found.getObject(1, UUID.class));
            }
        }
        return stored;
    }

    private void copy(List<TelemetryRows.Row> rows, boolean[] fresh) throws SQLException {
        CopyText text = new CopyText(rows.size() * ROW_CHARS);
        int copying = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (!fresh[i]) {
                continue;
            }
            TelemetryRows.Row row = rows.get(i);
            Envelope envelope = row.telemetry().envelope();
            text.addPlain(envelope.msgId()).add(row.topic().node()).add(row.telemetry().device().orElse(null))
                    .add(envelope.seq()).add(envelope.ts().toEpochMilli())
                    .add(envelope.clock() == ClockConfidence.SYNCED).add(row.receivedAt())
                    .add(row.telemetry().health().wire()).add(row.metrics()).endRow();
            copying++;
        }
        if (copying == 0) {
            return;
        }
        long copied = TableCopy.copyIn(connection, COPY, text.bytes());
        if (copied != copying) {
            throw new SQLException("the database stored " + copied + " of " + copying + " telemetry rows");
        }
    }
}
