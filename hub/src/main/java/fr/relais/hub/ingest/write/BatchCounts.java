package fr.relais.hub.ingest.write;

import fr.relais.hub.ingest.DeadLetterRetry;
import fr.relais.hub.ingest.IngestStats;
import java.util.ArrayList;
import java.util.List;

/**
 * What one batch of {@link RegistryWriter} did, counted while it is written and reported once its
 * transaction has committed: to the stored totals, the ingestion statistics and the guards'
 * counters. A batch rolled back reports nothing; the next one starts from zero.
 */
final class BatchCounts {
    long telemetry;
    long events;
    long deadLetters;
    long stored;
    long duplicates;
    long stale;
    long repeats;
    long evicted;
    /** Dead letters retried and stored: they leave the table, but were not evicted. */
    long removed;
    long renamesRefused;
    /** When the batch's first message was received; MAX_VALUE for an empty batch. */
    long firstSeen;
    /** Whether a message stored for the first time numbered its node (the numbering totals are read then). */
    boolean numbered;
    final List<DeadLetterRetry.Kind> retries = new ArrayList<>();

    BatchCounts() {
        reset();
    }

    void reset() {
        telemetry = 0;
        events = 0;
        deadLetters = 0;
        stored = 0;
        duplicates = 0;
        stale = 0;
        repeats = 0;
        evicted = 0;
        removed = 0;
        renamesRefused = 0;
        retries.clear();
        numbered = false;
        firstSeen = Long.MAX_VALUE;
    }

    /**
     * Reports the committed batch.
     *
     * @param numbering the numbering totals read in the transaction ({@link NumberingTotals#read}),
     *                  or null when no message numbered its node
     */
    void committed(StoredTotals totals, IngestStats stats, GuardCounters guards, long[] numbering) {
        totals.committed(telemetry, events, deadLetters - evicted - removed, numbering == null ? null : numbering[0]);
        if (numbering != null) {
            totals.seqResets(numbering[1]);
        }
        stats.committed(stored, duplicates, deadLetters, stale);
        guards.committed(repeats, evicted, renamesRefused);
        retries.forEach(guards::retried);
    }
}
