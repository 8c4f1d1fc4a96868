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
 *
 * <p>When the disk refuses writes (full, read-only, failing), routine messages are refused and
 * counted, priority ones wait in memory until it accepts them ({@link HeldMessages}), and the
 * node's telemetry says so ({@link OutboxStats.Storage}); see {@link GroupCommit}.
 */
public final class Outbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    static final int QUEUE_CAPACITY = 16_384;
    static final int MAX_TRANSACTION = 10_000;
    /** The writer's wait when it has nothing to do; also the longest {@link #close} waits for it to see it. */
    static final long IDLE_POLL_MILLIS = 500;
    /** How long routine messages wait for others to share their commit: the barrier's own interval under load. */
    static final long LINGER_NANOS = DurabilityBarrier.INTERVAL_NANOS;

    /** A message handed over by a producer, not yet committed. */
    record Pending(Lane lane, Topic.Kind kind, long seq, long createdAt, byte[] payload,
                   CompletableFuture<Void> stored, SameTransaction alsoWrite, Runnable whenHeld) {
    }

    /** A write that must happen in the same transaction as a message, or not at all. */
    public interface SameTransaction {
        SameTransaction NOTHING = connection -> { };

        void write(Connection connection) throws SQLException;
    }

    /** The broker acknowledged a row: it is deleted in the next group commit. */
    record Acknowledged(Lane lane, long id, int size) {
    }

    private final AgentDatabase database;
    private final Clock clock;
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
    private final GroupCommit groupCommit;
    private volatile boolean running = true;

    public Outbox(AgentDatabase database, OutboxLimits limits, Clock clock, String name) {
        this.database = database;
        this.clock = clock;
        Connection writer = database.connect();
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
        groupCommit = new GroupCommit(database, writer, new GroupCommit.Lanes(tables, counts, bytes, acknowledged),
                limits, barrier, health, held, evicted, stored, newRows);
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
        groupCommit.close();
        try {
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
                Object first = work.poll(pollMillis(), TimeUnit.MILLISECONDS);
                if (held.due(System.nanoTime())) {
                    batch.addAll(held.takeAll());
                }
                if (first != null) {
                    batch.add(first);
                    work.drainTo(batch, Math.max(1, MAX_TRANSACTION - batch.size()));
                    lingerForMore(batch);
                }
                if (!batch.isEmpty()) {
                    // The writer goes idle after this one: it is made durable in its own commit.
                    groupCommit.commit(batch, work.isEmpty() && !held.due(System.nanoTime()));
                }
                groupCommit.makeDurableIfDue(work.isEmpty(), hasPriority(batch));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failAll(batch, e);
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Without a priority message, waits up to {@link #LINGER_NANOS} for more: a place's devices
     * report at about the same instant, each on its own thread, and one commit (one sync) for them
     * all writes a few pages to the SD card instead of a few per message. Nobody is told a
     * message is stored any earlier than before (only once its commit is synced); alarms, access
     * logs and replies are committed at once, and end the wait.
     */
    private void lingerForMore(List<Object> batch) throws InterruptedException {
        long until = System.nanoTime() + LINGER_NANOS;
        while (running && batch.size() < MAX_TRANSACTION && !hasPriority(batch)) {
            long left = until - System.nanoTime();
            Object next = left > 0 ? work.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            batch.add(next);
            work.drainTo(batch, Math.max(0, MAX_TRANSACTION - batch.size()));
        }
    }

    /**
     * How long the writer waits for work: 10 ms while something waits for a sync or a retry, or
     * while closing; otherwise a new message wakes it at once, and waking 100 times a second for
     * nothing was most of an idle agent's CPU.
     */
    private long pollMillis() {
        return !running || !held.isEmpty() || barrier.waiting() ? 10 : IDLE_POLL_MILLIS;
    }

    private static boolean hasPriority(List<Object> batch) {
        for (Object item : batch) {
            if (item instanceof Pending pending && pending.lane() == Lane.PRIORITY) {
                return true;
            }
        }
        return false;
    }

    private static void failAll(List<Object> batch, Exception cause) {
        for (Object item : batch) {
            if (item instanceof Pending pending) {
                pending.stored().completeExceptionally(cause);
            }
        }
    }
}
