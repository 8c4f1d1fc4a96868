package fr.relais.hub.ingest;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A dead letter handed back to the ingestion writer once its cause is fixed. The writer decides
 * its outcome inside its transaction (and again if that transaction is rolled back and written
 * anew); the outcome is published only once committed, through the delivery's acknowledgement.
 */
public final class DeadLetterRetry {
    /** What became of the retried message. */
    public enum Kind {
        /** Stored now; its dead letter is removed. */
        STORED,
        /** Already stored (its message id, or a state or birth already superseded); its dead letter is removed. */
        DUPLICATE,
        /** Still refused; its dead letter stays, with the reason of this attempt. */
        REFUSED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** @param field and {@code reason}: why it is still refused, null otherwise */
    public record Outcome(String deadLetterId, Kind kind, String field, String reason) {
    }

    private final String deadLetterId;
    private final CompletableFuture<Outcome> done = new CompletableFuture<>();
    private volatile Outcome decided;

    public DeadLetterRetry(String deadLetterId) {
        this.deadLetterId = Objects.requireNonNull(deadLetterId, "deadLetterId");
    }

    public String deadLetterId() {
        return deadLetterId;
    }

    /** By the writer, inside its transaction: not final until committed. */
    public void decided(Kind kind, String field, String reason) {
        decided = new Outcome(deadLetterId, kind, field, reason);
    }

    /** The writer committed it (the delivery's acknowledgement): the outcome decided last is the one. */
    public void committed() {
        Outcome outcome = decided;
        if (outcome != null) {
            done.complete(outcome);
        } else {
            done.completeExceptionally(new IllegalStateException("dead letter " + deadLetterId
                    + " was committed without an outcome"));
        }
    }

    /** Completes once the writer committed the retry. */
    public CompletableFuture<Outcome> done() {
        return done;
    }
}
