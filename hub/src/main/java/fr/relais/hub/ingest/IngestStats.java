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

    public Snapshot snapshot() {
        return new Snapshot(received.get(), stored.get(), duplicates.get(), deadLetters.get(), staleStates.get(),
                storageRetries.get());
    }

    /** The counters at one instant. */
    public record Snapshot(long received, long stored, long duplicates, long deadLetters, long staleStates,
                           long storageRetries) {
    }
}
