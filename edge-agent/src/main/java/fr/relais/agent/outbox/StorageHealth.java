package fr.relais.agent.outbox;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the outbox's disk did lately, for the node's telemetry and the log: whether writes are
 * failing now, how many failed, how many messages could not be stored. Errors are logged once,
 * then once a minute while they last (see {@link RepeatedErrors}); recovery is logged once.
 */
final class StorageHealth {
    private static final Logger LOG = LoggerFactory.getLogger(StorageHealth.class);

    private final Path file;
    private final RepeatedErrors errors = new RepeatedErrors(LOG);
    private final AtomicLong notStored = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private volatile boolean failing;
    private long refusedDuringFailure;

    StorageHealth(Path file) {
        this.file = file;
    }

    /** The disk refused a write (full, read-only, I/O error): every message of it is refused. */
    void diskRefused(Throwable failure, int messages) {
        failedWrites.incrementAndGet();
        failing = true;
        refusedDuringFailure += messages;
        errors.error("disk:" + StorageFault.describe(failure), "cannot write to the outbox of " + file
                + " (disk full, read-only or failing?): " + failure
                + "; alarms and replies are kept in memory and retried, telemetry is not stored");
    }

    /** One message could not be written, for a reason of its own; the others were. */
    void rowRefused(Throwable failure) {
        failedWrites.incrementAndGet();
        errors.error("row:" + StorageFault.describe(failure), "one message could not be written to the outbox of "
                + file + " and is dropped; the others of its transaction were stored: " + failure);
    }

    /** The commit that makes earlier ones durable failed: they wait, and are retried. */
    void notDurable(Throwable failure) {
        failedWrites.incrementAndGet();
        failing = true;
        errors.error("sync:" + StorageFault.describe(failure), "cannot make the outbox of " + file
                + " durable (disk full, read-only or failing?): " + failure + "; retrying");
    }

    /** A write succeeded. */
    void accepted() {
        if (failing) {
            failing = false;
            errors.clear("disk:");
            errors.clear("sync:");
            LOG.info("the outbox of {} is written again; the disk refused {} messages meanwhile (alarms and replies"
                    + " among them were kept in memory and are stored now; the others are counted in notStored)",
                    file, refusedDuringFailure);
            refusedDuringFailure = 0;
        }
    }

    /** Tells a producer its message is not stored, and counts it. */
    void notStored(Outbox.Pending pending, String why, Throwable cause) {
        notStored.incrementAndGet();
        pending.stored().completeExceptionally(new NotStoredException(why, cause));
    }

    boolean failing() {
        return failing;
    }

    long notStored() {
        return notStored.get();
    }

    long failedWrites() {
        return failedWrites.get();
    }
}
