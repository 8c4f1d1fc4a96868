package fr.relais.protocol;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What every message a node emits carries, so that the hub can deduplicate (message id),
 * count losses (the node's sequence number) and judge the producer's timestamp (clock).
 *
 * @param msgId unique id of this message; redeliveries keep it
 * @param seq   the node's sequence number, increasing by one per emitted message
 * @param ts    when the producer made the message, by its own clock
 * @param clock whether that clock was synchronised at {@code ts}
 */
public record Envelope(UUID msgId, long seq, Instant ts, ClockConfidence clock) {
    public Envelope {
        Objects.requireNonNull(msgId, "msgId");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(clock, "clock");
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be >= 0, got " + seq);
        }
    }
}
