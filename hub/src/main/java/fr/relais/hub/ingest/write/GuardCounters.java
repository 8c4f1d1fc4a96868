package fr.relais.hub.ingest.write;

import fr.relais.hub.ingest.DeadLetterRetry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the hub's guards against one message poisoning its counters and storage did since it
 * started, for {@code /metrics}. Counted when applied: the writer adds its figures once the batch
 * is committed (a batch rolled back and written again counts once), the housekeeping once its
 * deletion is committed. The sequence numberings started afresh are counted by the database
 * ({@link StoredTotals}), since several hubs share them.
 */
public final class GuardCounters {
    private final AtomicLong deadLetterRepeats = new AtomicLong();
    private final AtomicLong deadLettersCapped = new AtomicLong();
    private final AtomicLong deadLettersExpired = new AtomicLong();
    private final AtomicLong siteRenamesRefused = new AtomicLong();
    private final AtomicLong retriesStored = new AtomicLong();
    private final AtomicLong retriesDuplicate = new AtomicLong();
    private final AtomicLong retriesRefused = new AtomicLong();

    /** What one committed ingestion batch did. */
    void committed(long repeats, long capped, long renamesRefused) {
        deadLetterRepeats.addAndGet(repeats);
        deadLettersCapped.addAndGet(capped);
        siteRenamesRefused.addAndGet(renamesRefused);
    }

    void retried(DeadLetterRetry.Kind kind) {
        switch (kind) {
            case STORED -> retriesStored.incrementAndGet();
            case DUPLICATE -> retriesDuplicate.incrementAndGet();
            default -> retriesRefused.incrementAndGet();
        }
    }

    public void expired(long rows) {
        deadLettersExpired.addAndGet(rows);
    }

    /** A message received again byte for byte on the same topic: counted on its dead letter, not kept again. */
    public long deadLetterRepeats() {
        return deadLetterRepeats.get();
    }

    /** Dead letters deleted because their node had more than its allowance. */
    public long deadLettersCapped() {
        return deadLettersCapped.get();
    }

    /** Dead letters deleted by the retention. */
    public long deadLettersExpired() {
        return deadLettersExpired.get();
    }

    /** Births that named their site otherwise than the registry: logged and ignored. */
    public long siteRenamesRefused() {
        return siteRenamesRefused.get();
    }

    /** Dead letters retried, by outcome: {@code stored}, {@code duplicate} or {@code refused}. */
    public long retriedWith(String outcome) {
        return switch (outcome) {
            case "stored" -> retriesStored.get();
            case "duplicate" -> retriesDuplicate.get();
            default -> retriesRefused.get();
        };
    }
}
