package fr.relais.hub.ingest;

/**
 * A received message and how to acknowledge it to the broker. The acknowledgement is sent only
 * once the message is committed to the database: a hub that dies with messages in its queue has
 * not acknowledged them, so the broker delivers them again.
 */
public record Delivery(Received received, Runnable acknowledge) {
    /** For messages that need no acknowledgement (tests, replays from elsewhere). */
    public static Delivery unacknowledged(Received received) {
        return new Delivery(received, () -> { });
    }
}
