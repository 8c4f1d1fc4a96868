package fr.relais.agent.outbox;

import fr.relais.agent.store.AgentDatabase;
import fr.relais.agent.store.LocalState;
import fr.relais.agent.store.StorageException;
import fr.relais.protocol.Topic;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store-and-forward: every message the node emits is written here before it is published, and
 * removed once the broker has acknowledged it. One writer thread commits what producers hand
 * it in group transactions (no fsync per message, and WAL keeps the file sound through a power
 * cut); a producer's future completes when its message is committed, so a completed message
 * survives {@code kill -9}. The message sequence is persisted in the same transaction.
 *
 * <p>Bounded by {@link OutboxLimits}: when full, the oldest routine messages are evicted;
 * priority messages are never evicted (they may push the outbox beyond its limits).
 */
public final class Outbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    static final int QUEUE_CAPACITY = 16_384;
    static final int MAX_TRANSACTION = 10_000;

    /** A message handed over by a producer, not yet committed. */
    record Pending(Lane lane, Topic.Kind kind, long seq, long createdAt, byte[] payload,
                   CompletableFuture<Void> stored, SameTransaction alsoWrite, Runnable whenHeld) {
    }

    /** A write that must happen in the same transaction as a message, or not at all. */
    public interface SameTransaction {
        SameTransaction NOTHING = connection -> { };

        void write(Connection connection) throws SQLException;
    }

    private record Acknowledged(Lane lane, long id, int size) {
    }

    private final AgentDatabase database;
    private final OutboxLimits limits;
    private final Clock clock;
    /** Used by the writer thread only (and by {@link #close()} once it has stopped); replaced after a disk failure. */
    private Connection writer;
    private final Connection reader;
    private final Map<Lane, LaneTable> tables = new EnumMap<>(Lane.class);
    private final Map<Lane, AtomicLong> counts = new EnumMap<>(Lane.class);
    private final Map<Lane, AtomicLong> bytes = new EnumMap<>(Lane.class);
    private final Map<Lane, Set<Long>> acknowledged = new EnumMap<>(Lane.class);
    private final BlockingQueue<Object> work = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong evicted = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private long evictedAtFlush;
    private long deliveredAtFlush;
    private final Object newRows = new Object();
    private final Thread writerThread;
    private final DurabilityBarrier barrier;
    private final StorageHealth health;
    private final HeldMessages held = new HeldMessages();
    private long committedSeq = -1;
    /** After a failed sync, the next try waits this long: not a hundred new connections a second. */
    private static final long SYNC_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private long syncRetryAt = System.nanoTime();
    private volatile boolean running = true;

    public Outbox(AgentDatabase database, OutboxLimits limits, Clock clock, String name) {
        this.database = database;
        this.limits = limits;
        this.clock = clock;
        this.writer = database.connect();
        this.reader = database.connect();
        Map<Lane, Long> startIds = new EnumMap<>(Lane.class);
        try {
            writer.setAutoCommit(false);
            for (Lane lane : Lane.values()) {
                LaneTable table = new LaneTable(lane);
                tables.put(lane, table);
                LaneTable.Totals totals = table.totals(reader);
                counts.put(lane, new AtomicLong(totals.count()));
                bytes.put(lane, new AtomicLong(totals.bytes()));
                acknowledged.put(lane, ConcurrentHashMap.newKeySet());
                startIds.put(lane, table.lastId(reader));
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the outbox of " + database.file(), e);
        }
        evicted.set(LocalState.read(reader, LocalState.OUTBOX_EVICTED, 0));
        evictedAtFlush = evicted.get();
        barrier = new DurabilityBarrier(startIds);
        health = new StorageHealth(database.file());
        writerThread = new Thread(this::writeLoop, "outbox-" + name);
        writerThread.start();
    }

    /**
     * Hands a message to the outbox. Blocks while the writer is a full queue behind (the
     * producer slows down rather than the agent running out of memory). The future completes
     * once the message is on the disk for good (a power cut cannot take it back; see
     * {@link DurabilityBarrier}), or fails if it could not be stored: with {@link NotStoredException}
     * when the disk refused it (a routine message; a priority one is kept in memory and retried,
     * see {@link HeldMessages}, and fails only if memory is full too) or the message itself could
     * not be written, with {@link OutboxFullException} when the limits left no room for it.
     */
    public CompletableFuture<Void> enqueue(Lane lane, Topic.Kind kind, long seq, byte[] payload)
            throws InterruptedException {
        return enqueue(lane, kind, seq, payload, SameTransaction.NOTHING);
    }

    /**
     * Like {@link #enqueue(Lane, Topic.Kind, long, byte[])}, with another write that is committed
     * in the same transaction (a command's reply and the record that it was answered).
     */
    public CompletableFuture<Void> enqueue(Lane lane, Topic.Kind kind, long seq, byte[] payload,
                                           SameTransaction alsoWrite) throws InterruptedException {
        return enqueue(lane, kind, seq, payload, alsoWrite, () -> { });
    }

    /**
     * Like {@link #enqueue(Lane, Topic.Kind, long, byte[], SameTransaction)}; {@code whenHeld} runs
     * (on the writer thread) if the disk refused the message and it waits in memory instead: its
     * future then completes only once the disk accepts it, which may be much later.
     */
    public CompletableFuture<Void> enqueue(Lane lane, Topic.Kind kind, long seq, byte[] payload,
                                           SameTransaction alsoWrite, Runnable whenHeld)
            throws InterruptedException {
        CompletableFuture<Void> future = new CompletableFuture<>();
        if (!running) {
            future.completeExceptionally(new IllegalStateException("the outbox is closed"));
            return future;
        }
        work.put(new Pending(lane, kind, seq, clock.millis(), payload, future, alsoWrite, whenHeld));
        return future;
    }

    /** The broker acknowledged this message: it will be deleted, and never sent again. */
    public void acknowledged(OutboxEntry entry) {
        acknowledged.get(entry.lane()).add(entry.id());
        if (work.offer(new Acknowledged(entry.lane(), entry.id(), entry.payload().length))) {
            delivered.incrementAndGet();
        } else {
            // The queue is full of new messages: the row stays and is sent again after the next
            // reconnect, and counts as delivered then; the hub drops the duplicate.
            acknowledged.get(entry.lane()).remove(entry.id());
        }
    }

    /**
     * The next messages of a lane after {@code afterId}, oldest first, without those already
     * acknowledged and only those on the disk for good. Returns the rows and the position reached.
     */
    public synchronized OutboxBatch next(Lane lane, long afterId, int limit) {
        try {
            return tables.get(lane).readAfter(reader, afterId, barrier.durableId(lane), limit,
                    acknowledged.get(lane));
        } catch (SQLException e) {
            throw new StorageException("cannot read the outbox of " + database.file(), e);
        }
    }

    /** Waits until new rows are committed, or the timeout passes. */
    public void awaitNewRows(long timeoutMillis) throws InterruptedException {
        synchronized (newRows) {
            newRows.wait(timeoutMillis);
        }
    }

    public synchronized OutboxStats stats() {
        long oldest = Long.MAX_VALUE;
        try {
            for (LaneTable table : tables.values()) {
                OptionalLong created = table.oldestCreatedAt(reader);
                if (created.isPresent()) {
                    oldest = Math.min(oldest, created.getAsLong());
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the outbox of " + database.file(), e);
        }
        long age = oldest == Long.MAX_VALUE ? 0 : Math.max(0, (clock.millis() - oldest) / 1000);
        return new OutboxStats(counts.get(Lane.PRIORITY).get(), counts.get(Lane.ROUTINE).get(),
                bytes.get(Lane.PRIORITY).get() + bytes.get(Lane.ROUTINE).get(), age, evicted.get(), delivered.get(),
                stored.get(), evicted.get() - evictedAtFlush, delivered.get() - deliveredAtFlush,
                new OutboxStats.Storage(health.failing(), health.notStored(), held.size(), health.failedWrites()));
    }

    /** The statistics now; the "since flush" counters start again from zero. */
    public synchronized OutboxStats flushStats() {
        OutboxStats stats = stats();
        evictedAtFlush = stats.evicted();
        deliveredAtFlush = stats.delivered();
        return stats;
    }

    /** Whether the writer thread is still running (for the watchdog). */
    public boolean isWriting() {
        return writerThread.isAlive();
    }

    /** Writes what is queued and makes it durable, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            writerThread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (barrier.due(true, true)) {
            makeDurable();
        }
        giveUpHeld();
        try {
            writer.close();
            synchronized (this) {
                reader.close();
            }
        } catch (SQLException e) {
            LOG.warn("closing the outbox of {}: {}", database.file(), e.toString());
        }
    }

    private void writeLoop() {
        List<Object> batch = new ArrayList<>();
        while (running || !work.isEmpty()) {
            try {
                Object first = work.poll(10, TimeUnit.MILLISECONDS);
                if (held.due(System.nanoTime())) {
                    batch.addAll(held.takeAll());
                }
                if (first != null) {
                    batch.add(first);
                    work.drainTo(batch, Math.max(1, MAX_TRANSACTION - batch.size()));
                }
                if (!batch.isEmpty()) {
                    commit(batch);
                }
                if (barrier.due(work.isEmpty(), hasPriority(batch)) && System.nanoTime() - syncRetryAt >= 0) {
                    makeDurable();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failAll(batch, e);
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private static boolean hasPriority(List<Object> batch) {
        for (Object item : batch) {
            if (item instanceof Pending pending && pending.lane() == Lane.PRIORITY) {
                return true;
            }
        }
        return false;
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
    private void commit(List<Object> batch) {
        Exception failure = tryCommit(batch);
        if (failure == null) {
            return;
        }
        if (StorageFault.concernsTheDisk(failure)) {
            refuse(batch, failure);
            return;
        }
        List<Object> acks = batch.stream().filter(Acknowledged.class::isInstance).toList();
        List<Object> messages = batch.stream().filter(Pending.class::isInstance).toList();
        if (messages.size() == 1 && acks.isEmpty()) {
            health.rowRefused(failure);
            health.notStored((Pending) messages.get(0), "this message could not be written", failure);
            return;
        }
        if (!acks.isEmpty()) {
            tryCommit(acks);
        }
        for (Object message : messages) {
            Exception alone = tryCommit(List.of(message));
            if (alone != null && StorageFault.concernsTheDisk(alone)) {
                refuse(List.of(message), alone);
            } else if (alone != null) {
                health.rowRefused(alone);
                health.notStored((Pending) message, "this message could not be written", alone);
            }
        }
    }

    /** Writes and commits; returns what went wrong, after rolling back, or null. */
    private Exception tryCommit(List<Object> batch) {
        OutboxTransaction transaction = new OutboxTransaction(writer, tables, counts, bytes, limits);
        try {
            for (Object item : batch) {
                if (item instanceof Pending pending) {
                    transaction.add(pending);
                } else {
                    Acknowledged ack = (Acknowledged) item;
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
            writer.commit();
            evicted.addAndGet(evictedNow);
            committedSeq = Math.max(committedSeq, transaction.maxSeq());
            transaction.applyTotals();
            stored.addAndGet(transaction.storedCount());
            transaction.forgetDeleted(acknowledged);
            barrier.committed(transaction, lastIds);
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
        List<Pending> messages = batch.stream().filter(Pending.class::isInstance).map(Pending.class::cast).toList();
        health.diskRefused(failure, messages.size());
        long now = System.nanoTime();
        boolean heldAny = false;
        for (Pending pending : messages) {
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
        if (tryCommit(last) == null && barrier.due(true, true)) {
            makeDurable();
        }
        int lost = 0;
        for (Object item : last) {
            Pending pending = (Pending) item;
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

    private static void failAll(List<Object> batch, Exception cause) {
        for (Object item : batch) {
            if (item instanceof Pending pending) {
                pending.stored().completeExceptionally(cause);
            }
        }
    }
}
