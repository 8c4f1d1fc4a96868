package fr.relais.hub.ingest;

import java.util.function.Supplier;

/**
 * A received message and how to acknowledge it to the broker. The acknowledgement is sent only
 * once the message is committed to the database: a hub that dies with messages in its queue has
 * not acknowledged them, so the broker delivers them again.
 *
 * <p>The message is decoded on first use, by the writer thread, not on the MQTT client's: that
 * one thread also reads the socket, so every microsecond spent there holds back the reading.
 */
public final class Delivery {
    private Supplier<Received> decode;
    private Received received;
    private final Runnable acknowledge;

    private Delivery(Supplier<Received> decode, Runnable acknowledge) {
        this.decode = decode;
        this.acknowledge = acknowledge;
    }

    public Delivery(Received received, Runnable acknowledge) {
        this.received = received;
        this.acknowledge = acknowledge;
    }

    /** A message to be decoded when the writer takes it. */
    static Delivery undecoded(Supplier<Received> decode, Runnable acknowledge) {
        return new Delivery(decode, acknowledge);
    }

    /** For messages that need no acknowledgement (tests, replays from elsewhere). */
    public static Delivery unacknowledged(Received received) {
        return new Delivery(received, () -> { });
    }

    /** The message, decoded or refused; decoded once, by the one thread that writes. */
    public Received received() {
        if (received == null) {
            received = decode.get();
            decode = null;
        }
        return received;
    }

    public Runnable acknowledge() {
        return acknowledge;
    }
}
