package fr.relais.agent.outbox;

import fr.relais.agent.store.LocalState;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When committed rows are on the disk for good. The outbox commits under
 * {@code synchronous=NORMAL}, which keeps the file sound through a power cut but may lose the
 * last commits; an fsync per group commit, on an SD card, would cost most of the throughput.
 * So every 200 ms under load (at once for alarms and replies, and whenever the writer goes
 * idle) one small commit runs under {@code synchronous=FULL}: its fsync of the write-ahead
 * log makes every earlier commit durable too. Only then are producers told their messages are
 * stored, and only rows up to that point may be published: a row the broker has seen can never
 * vanish in a power cut, and its sequence number can never be handed out again.
 */
final class DurabilityBarrier {
    /**
     * Measured on a million-message burst: 50 ms stored 84 000 messages/s, 200 ms 159 000; but
     * that was before the sync really synced (see {@link #sync}): to be measured again on a Pi.
     */
    static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Map<Lane, AtomicLong> durableIds = new EnumMap<>(Lane.class);
    private final Map<Lane, Long> committedIds = new EnumMap<>(Lane.class);
    private final List<OutboxTransaction> waiting = new ArrayList<>();
    private long lastSync = System.nanoTime();
    private long syncs;

    /** @param startIds the last row id of each lane at start: what is in the file is durable */
    DurabilityBarrier(Map<Lane, Long> startIds) {
        for (Lane lane : Lane.values()) {
            long start = startIds.getOrDefault(lane, 0L);
            durableIds.put(lane, new AtomicLong(start));
            committedIds.put(lane, start);
        }
    }

    /** The last row of a lane that is on the disk for good, and may be published. */
    long durableId(Lane lane) {
        return durableIds.get(lane).get();
    }

    /** A transaction committed (not yet durable), and the last row id of each lane after it. */
    void committed(OutboxTransaction transaction, Map<Lane, Long> lastIds) {
        waiting.add(transaction);
        committedIds.putAll(lastIds);
    }

    /** Whether commits wait for a sync (the writer should not sleep long). */
    boolean waiting() {
        return !waiting.isEmpty();
    }

    boolean due(boolean idle, boolean urgent) {
        return !waiting.isEmpty() && (idle || urgent || System.nanoTime() - lastSync >= INTERVAL_NANOS);
    }

    /**
     * Makes everything committed so far durable, then tells the producers and the sender. The
     * write must change a byte: SQLite writes no page, hence syncs nothing, for an update that
     * leaves a row as it was (raising the stored sequence to the value the last group commit
     * already stored was such a no-op, and the messages were not durable: found by the test of
     * an SD card turned read-only). So it counts the syncs, a value that always changes.
     */
    void sync(Connection connection, long seq) throws SQLException {
        connection.commit();
        connection.setAutoCommit(true);
        try (Statement sql = connection.createStatement()) {
            sql.execute("PRAGMA synchronous = FULL");
            LocalState.raise(connection, LocalState.SEQ, seq);
            countSync(connection);
            sql.execute("PRAGMA synchronous = NORMAL");
        } finally {
            connection.setAutoCommit(false);
        }
        syncedWith();
    }

    /**
     * A group commit that ran under {@code synchronous=FULL} (see {@link GroupCommit#commit(List, boolean)})
     * has just been committed, hence synced: everything committed before it is durable too.
     */
    void syncedWith() {
        lastSync = System.nanoTime();
        syncs++;
        committedIds.forEach((lane, id) -> durableIds.get(lane).set(id));
        waiting.forEach(OutboxTransaction::complete);
        waiting.clear();
    }

    /** Adds one to {@code outboxSyncs}, in the transaction that syncs. */
    static void countSync(Connection connection) {
        LocalState.write(connection, LocalState.OUTBOX_SYNCS, LocalState.read(connection, LocalState.OUTBOX_SYNCS, 0) + 1);
    }

    /**
     * Sets the writer's {@code synchronous} level, between transactions: SQLite refuses to change
     * it inside one ("Safety level may not be changed inside a transaction").
     */
    static void safety(Connection connection, String level) throws SQLException {
        connection.commit();
        connection.setAutoCommit(true);
        try (Statement sql = connection.createStatement()) {
            sql.execute("PRAGMA synchronous = " + level);
        } finally {
            connection.setAutoCommit(false);
        }
    }

    /** The sync failed: producers of priority messages learn that theirs wait, as if held in memory. */
    void notDurableYet() {
        waiting.forEach(OutboxTransaction::held);
    }

    long syncs() {
        return syncs;
    }
}
