package fr.relais.agent.outbox;

/**
 * A message the outbox could not store: the disk refused the write (full, read-only, I/O
 * error) or the message itself could not be written. It is counted in the node's telemetry
 * ({@code notStored}); its sequence number is never reused, so the hub sees the gap.
 */
public final class NotStoredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotStoredException(String message, Throwable cause) {
        super(message, cause);
    }
}
