package fr.relais.hub.ingest;

import java.util.concurrent.atomic.AtomicLong;

/** Counters since the hub started, shown by the API. Database totals are kept separately. */
public final class IngestStats {
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong staleStates = new AtomicLong();
    private final AtomicLong storageRetries = new AtomicLong();
    /** While the database refuses the writer's batches: since when (epoch ms), and why. */
    private volatile StorageStatus storage = StorageStatus.WORKING;
    private volatile long lastOutageStart;

    public void received() {
        received.incrementAndGet();
    }

    /**
     * What one committed transaction did. Counted at the commit only: a batch rolled back and
     * written again (another hub's transaction crossed it) must not count its messages twice.
     *
     * @param staleStates Wills or goodbyes of an older connection of a node that has already
     *                    reconnected
     */
    public void committed(long storedCount, long duplicateCount, long deadLetterCount, long staleStateCount) {
        stored.addAndGet(storedCount);
        duplicates.addAndGet(duplicateCount);
        deadLetters.addAndGet(deadLetterCount);
        staleStates.addAndGet(staleStateCount);
    }

    public void storageRetry() {
        storageRetries.incrementAndGet();
    }

    /**
     * The writer could not store a batch because of the database (not of the messages): it keeps
     * the batch, unacknowledged, and tries again.
     */
    public synchronized void storageFailed(String error, long at) {
        storageRetries.incrementAndGet();
        StorageStatus now = storage;
        storage = now.failing()
                ? new StorageStatus(true, now.failingSince(), error, now.lastRecoveredAt(), now.outages())
                : new StorageStatus(true, at, error, now.lastRecoveredAt(), now.outages() + 1);
    }

    /** A batch was stored after the database had failed. */
    public synchronized void storageRecovered(long at) {
        if (storage.failing()) {
            lastOutageStart = storage.failingSince();
            storage = new StorageStatus(false, null, storage.lastError(), at, storage.outages());
        }
    }

    /** Whether the database stores what the writer gives it, now. */
    public StorageStatus storage() {
        return storage;
    }

    /**
     * The current or last outage, for the hub's storage alert (Hub hands it to alert: ingest knows no
     * alert); null if the database never failed.
     */
    public synchronized Outage lastOutage() {
        StorageStatus now = storage;
        if (now.failing()) {
            return new Outage(now.failingSince(), null, now.lastError());
        }
        return now.outages() == 0 ? null : new Outage(lastOutageStart, now.lastRecoveredAt(), now.lastError());
    }

    public Snapshot snapshot() {
        return new Snapshot(received.get(), stored.get(), duplicates.get(), deadLetters.get(), staleStates.get(),
                storageRetries.get());
    }

    /**
     * One outage of the database as the writer saw it.
     *
     * @param since   when the database started refusing the writes (epoch ms)
     * @param endedAt when it stored again (epoch ms), null while it still fails
     * @param error   its last refusal
     */
    public record Outage(long since, Long endedAt, String error) {
    }

    /** The counters at one instant. */
    public record Snapshot(long received, long stored, long duplicates, long deadLetters, long staleStates,
                           long storageRetries) {
    }

    /**
     * The database as the writer sees it.
     *
     * @param failingSince    when the current outage began (epoch ms), null while it works
     * @param lastError       the database's last refusal, null if it never failed
     * @param lastRecoveredAt when the last outage ended (epoch ms), null if none has
     * @param outages         times the database started failing since the hub started
     */
    public record StorageStatus(boolean failing, Long failingSince, String lastError, Long lastRecoveredAt,
                                long outages) {
        static final StorageStatus WORKING = new StorageStatus(false, null, null, null, 0);
    }
}
