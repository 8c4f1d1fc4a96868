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

    public void stored() {
        stored.incrementAndGet();
    }

    public void duplicate() {
        duplicates.incrementAndGet();
    }

    public void deadLetter() {
        deadLetters.incrementAndGet();
    }

    /** A Will or goodbye of an older connection of a node that has already reconnected. */
    public void staleState() {
        staleStates.incrementAndGet();
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
