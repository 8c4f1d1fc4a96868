package fr.relais.agent.outbox;

import fr.relais.agent.store.LocalState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One group commit of the outbox: new messages, deletions of acknowledged ones, and the
 * evictions needed to stay within the limits. The in-memory totals change only once the
 * transaction has committed.
 */
final class OutboxTransaction {
    /** Evict at least this share of the limit at once, so a full outbox does not evict per message. */
    private static final int EVICTION_SHARE = 100;

    private final Connection connection;
    private final Map<Lane, LaneTable> tables;
    private final Map<Lane, AtomicLong> counts;
    private final Map<Lane, AtomicLong> bytes;
    private final OutboxLimits limits;
    private final Map<Lane, List<Outbox.Pending>> inserts = new EnumMap<>(Lane.class);
    /** Acknowledged ids and their sizes; an id acknowledged twice (sent twice) counts once. */
    private final Map<Lane, Map<Long, Integer>> deletes = new EnumMap<>(Lane.class);
    private final List<Outbox.Pending> refused = new ArrayList<>();
    private final Map<Lane, long[]> delta = new EnumMap<>(Lane.class);
    private long maxSeq = -1;

    OutboxTransaction(Connection connection, Map<Lane, LaneTable> tables, Map<Lane, AtomicLong> counts,
                      Map<Lane, AtomicLong> bytes, OutboxLimits limits) {
        this.connection = connection;
        this.tables = tables;
        this.counts = counts;
        this.bytes = bytes;
        this.limits = limits;
        for (Lane lane : Lane.values()) {
            inserts.put(lane, new ArrayList<>());
            deletes.put(lane, new HashMap<>());
            delta.put(lane, new long[2]);
        }
    }

    void add(Outbox.Pending pending) {
        inserts.get(pending.lane()).add(pending);
        maxSeq = Math.max(maxSeq, pending.seq());
    }

    void delete(Lane lane, long id, int size) {
        deletes.get(lane).put(id, size);
    }

    /** Writes everything; returns how many routine messages were evicted or refused. */
    long write() throws SQLException {
        long evicted = 0;
        for (Lane lane : Lane.values()) {
            Map<Long, Integer> acknowledged = deletes.get(lane);
            if (!acknowledged.isEmpty()) {
                long deleted = tables.get(lane).delete(connection, acknowledged.keySet());
                if (deleted == acknowledged.size()) {
                    change(lane, -deleted, -acknowledged.values().stream().mapToLong(Integer::longValue).sum());
                } else {
                    // Some were evicted before their acknowledgement came: count what is left.
                    LaneTable.Totals now = tables.get(lane).totals(connection);
                    change(lane, now.count() - counts.get(lane).get() - delta.get(lane)[0],
                            now.bytes() - bytes.get(lane).get() - delta.get(lane)[1]);
                }
            }
        }
        evicted += makeRoom();
        for (Lane lane : Lane.values()) {
            List<Outbox.Pending> rows = inserts.get(lane);
            if (!rows.isEmpty()) {
                tables.get(lane).insert(connection, rows);
                change(lane, rows.size(), rows.stream().mapToLong(row -> row.payload().length).sum());
            }
        }
        for (List<Outbox.Pending> rows : inserts.values()) {
            for (Outbox.Pending row : rows) {
                row.alsoWrite().write(connection);
            }
        }
        if (maxSeq >= 0) {
            // Two threads may take n and n+1 and commit n+1 first: the stored value only rises.
            LocalState.raise(connection, LocalState.SEQ, maxSeq);
        }
        return evicted + refused.size();
    }

    /**
     * Evicts the oldest routine rows until the new ones fit. If no stored routine row is left,
     * the oldest new routine rows are dropped in turn: only priority messages are always kept.
     */
    private long makeRoom() throws SQLException {
        long incomingCount = 0;
        long incomingBytes = 0;
        for (List<Outbox.Pending> rows : inserts.values()) {
            incomingCount += rows.size();
            incomingBytes += rows.stream().mapToLong(row -> row.payload().length).sum();
        }
        long evicted = 0;
        while (overCount(incomingCount) > 0 || overBytes(incomingBytes) > 0) {
            long needed = Math.max(overCount(incomingCount), 1);
            int chunk = (int) Math.min(Integer.MAX_VALUE, Math.max(needed, limits.maxMessages() / EVICTION_SHARE));
            LaneTable.Totals gone = tables.get(Lane.ROUTINE).evictOldest(connection, chunk);
            if (gone.count() == 0) {
                List<Outbox.Pending> routine = inserts.get(Lane.ROUTINE);
                while (!routine.isEmpty() && (overCount(incomingCount) > 0 || overBytes(incomingBytes) > 0)) {
                    Outbox.Pending dropped = routine.remove(0);
                    refused.add(dropped);
                    incomingCount--;
                    incomingBytes -= dropped.payload().length;
                }
                break;
            }
            change(Lane.ROUTINE, -gone.count(), -gone.bytes());
            evicted += gone.count();
        }
        return evicted;
    }

    private long overCount(long incoming) {
        return total(0) + incoming - limits.maxMessages();
    }

    private long overBytes(long incoming) {
        return total(1) + incoming - limits.maxBytes();
    }

    private long total(int index) {
        long sum = 0;
        for (Lane lane : Lane.values()) {
            sum += (index == 0 ? counts : bytes).get(lane).get() + delta.get(lane)[index];
        }
        return sum;
    }

    private void change(Lane lane, long count, long size) {
        delta.get(lane)[0] += count;
        delta.get(lane)[1] += size;
    }

    /** After the commit: the totals the rest of the agent sees. */
    void applyTotals() {
        for (Lane lane : Lane.values()) {
            counts.get(lane).addAndGet(delta.get(lane)[0]);
            bytes.get(lane).addAndGet(delta.get(lane)[1]);
        }
    }

    long maxSeq() {
        return maxSeq;
    }

    /** The lanes this transaction inserted into. */
    List<Lane> insertedLanes() {
        List<Lane> lanes = new ArrayList<>();
        for (Lane lane : Lane.values()) {
            if (!inserts.get(lane).isEmpty()) {
                lanes.add(lane);
            }
        }
        return lanes;
    }

    /**
     * Whether it only deleted acknowledged rows: nothing in it needs to be durable (a power cut
     * that undoes it makes the rows be sent again, and the hub drops the duplicates).
     */
    boolean deletesOnly() {
        return storedCount() == 0 && refused.isEmpty();
    }

    long storedCount() {
        return inserts.values().stream().mapToLong(List::size).sum();
    }

    /** Deleted (or failed) rows need no more skipping by the sender. */
    void forgetDeleted(Map<Lane, Set<Long>> acknowledged) {
        for (Lane lane : Lane.values()) {
            acknowledged.get(lane).removeAll(deletes.get(lane).keySet());
        }
    }

    /** Committed but not yet durable, and the disk refuses to sync: priority producers are told it waits. */
    void held() {
        inserts.get(Lane.PRIORITY).forEach(row -> row.whenHeld().run());
    }

    /** Tells producers their messages are stored; refused ones are told they were not. */
    void complete() {
        inserts.values().forEach(rows -> rows.forEach(row -> row.stored().complete(null)));
        refused.forEach(row -> row.stored().completeExceptionally(
                new OutboxFullException("the outbox is full; this routine message was evicted before it was stored")));
    }
}
