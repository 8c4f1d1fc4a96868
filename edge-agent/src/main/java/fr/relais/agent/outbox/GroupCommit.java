package fr.relais.agent.outbox;

import fr.relais.agent.store.AgentDatabase;
import fr.relais.agent.store.LocalState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's writes, on its writer thread: group commits, what happens when one fails (the
 * disk, or one message), the messages held in memory meanwhile, and the syncs that make
 * commits durable. Owns the writer connection, which it replaces after a disk error.
 */
final class GroupCommit {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    /** After a failed sync, the next try waits this long: not a hundred new connections a second. */
    private static final long SYNC_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** The lanes' tables and the totals and acknowledgements the rest of the outbox reads. */
    record Lanes(Map<Lane, LaneTable> tables, Map<Lane, AtomicLong> counts, Map<Lane, AtomicLong> bytes,
                 Map<Lane, Set<Long>> acknowledged) {
    }

    private final AgentDatabase database;
    private final Map<Lane, LaneTable> tables;
    private final Map<Lane, AtomicLong> counts;
    private final Map<Lane, AtomicLong> bytes;
    private final Map<Lane, Set<Long>> acknowledged;
    private final OutboxLimits limits;
    private final DurabilityBarrier barrier;
    private final StorageHealth health;
    private final HeldMessages held;
    private final AtomicLong evicted;
    private final AtomicLong stored;
    private final Object newRows;
    private Connection writer;
    private long committedSeq = -1;
    private long syncRetryAt = System.nanoTime();

    GroupCommit(AgentDatabase database, Connection writer, Lanes lanes, OutboxLimits limits,
                DurabilityBarrier barrier, StorageHealth health, HeldMessages held, AtomicLong evicted,
                AtomicLong stored, Object newRows) {
        this.database = database;
        this.writer = writer;
        this.tables = lanes.tables();
        this.counts = lanes.counts();
        this.bytes = lanes.bytes();
        this.acknowledged = lanes.acknowledged();
        this.limits = limits;
        this.barrier = barrier;
        this.health = health;
        this.held = held;
        this.evicted = evicted;
        this.stored = stored;
        this.newRows = newRows;
    }

    /** Makes the commits durable if it is time (see {@link DurabilityBarrier}), unless a failed sync waits. */
    void makeDurableIfDue(boolean idle, boolean urgent) {
        if (barrier.due(idle, urgent) && System.nanoTime() - syncRetryAt >= 0) {
            makeDurable();
        }
    }

    /** After the writer thread stopped: makes what was committed durable, gives up the held messages. */
    void close() {
        if (barrier.due(true, true)) {
            makeDurable();
        }
        giveUpHeld();
        try {
            writer.close();
        } catch (SQLException e) {
            LOG.warn("closing the outbox of {}: {}", database.file(), e.toString());
        }
    }

    private void makeDurable() {
        try {
            barrier.sync(writer, committedSeq);
            synchronized (newRows) {
                newRows.notifyAll();
            }
        } catch (SQLException | RuntimeException e) {
            // Producers wait a little longer; the next turn of the loop tries again. Those of
            // priority messages are told their message waits, as if held in memory.
            health.notDurable(e);
            barrier.notDurableYet();
            reopenWriter();
            syncRetryAt = System.nanoTime() + SYNC_RETRY_NANOS;
        }
    }

    /**
     * One group commit. If it fails because of the disk, every message of it is refused (routine
     * ones fail, priority ones are held in memory); if it fails for another reason, that concerns
     * one message: the acknowledgements and then each message are written alone, so only the
     * guilty one fails.
     */
    void commit(List<Object> batch) {
        commit(batch, false);
    }

    /**
     * The same; with {@code durableNow} (the writer goes idle after it, when the barrier would sync
     * at once) the commit itself runs under {@code synchronous=FULL}: its fsync makes it and every
     * earlier commit durable, as the barrier's own small commit would, with one commit instead of two.
     */
    void commit(List<Object> batch, boolean durableNow) {
        boolean syncing = durableNow && System.nanoTime() - syncRetryAt >= 0
                && batch.stream().anyMatch(Outbox.Pending.class::isInstance);
        Exception failure = tryCommit(batch, syncing);
        if (failure == null) {
            return;
        }
        if (StorageFault.concernsTheDisk(failure)) {
            refuse(batch, failure);
            return;
        }
        List<Object> acks = batch.stream().filter(Outbox.Acknowledged.class::isInstance).toList();
        List<Object> messages = batch.stream().filter(Outbox.Pending.class::isInstance).toList();
        if (messages.size() == 1 && acks.isEmpty()) {
            health.rowRefused(failure);
            health.notStored((Outbox.Pending) messages.get(0), "this message could not be written", failure);
            return;
        }
        if (!acks.isEmpty()) {
            tryCommit(acks, false);
        }
        for (int i = 0; i < messages.size(); i++) {
            Exception alone = tryCommit(List.of(messages.get(i)), false);
            if (alone != null && StorageFault.concernsTheDisk(alone)) {
                // The disk gave up meanwhile: the rest would fail one by one, for the same reason.
                refuse(messages.subList(i, messages.size()), alone);
                return;
            } else if (alone != null) {
                health.rowRefused(alone);
                health.notStored((Outbox.Pending) messages.get(i), "this message could not be written", alone);
            }
        }
    }

    /**
     * Writes and commits; returns what went wrong, after rolling back, or null. With {@code syncing},
     * the commit is synced and counted as the barrier's sync ({@link DurabilityBarrier#syncedWith}).
     */
    private Exception tryCommit(List<Object> batch, boolean syncing) {
        OutboxTransaction transaction = new OutboxTransaction(writer, tables, counts, bytes, limits);
        try {
            if (syncing) {
                DurabilityBarrier.safety(writer, "FULL");
            }
            for (Object item : batch) {
                if (item instanceof Outbox.Pending pending) {
                    transaction.add(pending);
                } else {
                    Outbox.Acknowledged ack = (Outbox.Acknowledged) item;
                    transaction.delete(ack.lane(), ack.id(), ack.size());
                }
            }
            long evictedNow = transaction.write();
            if (evictedNow > 0) {
                LocalState.write(writer, LocalState.OUTBOX_EVICTED, evicted.get() + evictedNow);
            }
            Map<Lane, Long> lastIds = new EnumMap<>(Lane.class);
            for (Lane lane : transaction.insertedLanes()) {
                lastIds.put(lane, tables.get(lane).lastId(writer));
            }
            if (syncing) {
                DurabilityBarrier.countSync(writer);
            }
            writer.commit();
            evicted.addAndGet(evictedNow);
            committedSeq = Math.max(committedSeq, transaction.maxSeq());
            transaction.applyTotals();
            stored.addAndGet(transaction.storedCount());
            transaction.forgetDeleted(acknowledged);
            if (syncing) {
                barrier.committed(transaction, lastIds);
                barrier.syncedWith();
                synchronized (newRows) {
                    newRows.notifyAll();
                }
            } else if (!transaction.deletesOnly()) {
                // Deletions alone wait for the next messages' sync: an fsync each would double the
                // SD card's writes (an acknowledgement follows every message) and guard nothing.
                barrier.committed(transaction, lastIds);
            }
            health.accepted();
            held.diskAccepts(System.nanoTime());
            return null;
        } catch (SQLException | RuntimeException e) {
            boolean rolledBack = true;
            try {
                writer.rollback();
            } catch (SQLException rollback) {
                rolledBack = false;
                LOG.debug("rolling back the outbox transaction: {}", rollback.toString());
            }
            if (!rolledBack || StorageFault.concernsTheDisk(e)) {
                reopenWriter();
            }
            transaction.forgetDeleted(acknowledged);
            return e;
        } finally {
            if (syncing) {
                restoreNormalSafety();
            }
        }
    }

    /** Back to {@code synchronous=NORMAL} after a synced commit; a connection that cannot is replaced. */
    private void restoreNormalSafety() {
        try {
            DurabilityBarrier.safety(writer, "NORMAL");
        } catch (SQLException | RuntimeException e) {
            LOG.debug("cannot set the outbox writer back to synchronous=NORMAL: {}", e.toString());
            reopenWriter();
        }
    }

    /**
     * After a disk error SQLite may have rolled the transaction back by itself, and the driver
     * no longer knows where it stands ("cannot commit - no transaction is active" ever after):
     * a fresh connection starts clean, so writes resume as soon as the disk takes them.
     */
    private void reopenWriter() {
        Connection fresh;
        try {
            fresh = database.connect();
            fresh.setAutoCommit(false);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("cannot open a new writer connection to {} yet: {}", database.file(), e.toString());
            return;
        }
        try {
            writer.close();
        } catch (SQLException e) {
            LOG.debug("closing the failed writer connection: {}", e.toString());
        }
        writer = fresh;
    }

    /**
     * The disk refused these messages: routine ones are dropped (the next reading supersedes a
     * reading), priority ones wait in memory while there is room. Acknowledgements are dropped:
     * their rows are sent again later, and the hub drops the duplicates.
     */
    private void refuse(List<Object> batch, Exception failure) {
        List<Outbox.Pending> messages = batch.stream().filter(Outbox.Pending.class::isInstance).map(Outbox.Pending.class::cast).toList();
        health.diskRefused(failure, messages.size());
        long now = System.nanoTime();
        boolean heldAny = false;
        for (Outbox.Pending pending : messages) {
            if (pending.lane() == Lane.PRIORITY && held.hold(pending, now)) {
                heldAny = true;
                pending.whenHeld().run();
            } else {
                health.notStored(pending, pending.lane() == Lane.PRIORITY
                        ? "the disk refused it and the memory kept for such messages is full"
                        : "the disk refused it", failure);
            }
        }
        if (heldAny) {
            held.refusedAgain(now);
        }
    }

    /** On close: one last try for the messages held in memory, then they are lost, and counted. */
    private void giveUpHeld() {
        if (held.isEmpty()) {
            return;
        }
        List<Object> last = new ArrayList<>(held.takeAll());
        if (tryCommit(last, false) == null && barrier.due(true, true)) {
            makeDurable();
        }
        int lost = 0;
        for (Object item : last) {
            Outbox.Pending pending = (Outbox.Pending) item;
            if (!pending.stored().isDone()) {
                lost++;
                health.notStored(pending, "the agent stopped before the disk accepted it", null);
            }
        }
        if (lost > 0) {
            LOG.error("the outbox of {} stopped with {} priority messages the disk had refused: they are lost",
                    database.file(), lost);
        }
    }

}
