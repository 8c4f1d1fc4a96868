package fr.relais.hub.ingest;

/**
 * A message that certainly did not leave the hub (not connected, too many in flight, shutting
 * down): no one can have received it.
 */
public final class NotSentException extends Exception {
    private static final long serialVersionUID = 1L;

    public NotSentException(String message, Throwable cause) {
        super(message, cause);
    }
}
