package fr.relais.agent.uplink;

import fr.relais.agent.clock.ClockWatch;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.MessageIds;

/**
 * Stamps every message the node emits with a new id, the next sequence number and the time
 * with its confidence. Numbers are handed out here and made durable by the outbox, in the
 * transaction that stores the messages: a number is never reused once a message carrying it
 * was stored, and never skipped for one that was.
 */
public final class Envelopes {
    private ClockWatch clock;
    private long lastSeq;

    /** @param lastSeq the last number stored, -1 if none */
    public Envelopes(long lastSeq, ClockWatch clock) {
        this.clock = clock;
        this.lastSeq = lastSeq;
    }

    /** The clock follows the configuration, which {@code set-config} may change. */
    public synchronized void useClock(ClockWatch newClock) {
        this.clock = newClock;
    }

    public synchronized Envelope next() {
        lastSeq++;
        return new Envelope(MessageIds.next(), lastSeq, clock.now(), clock.confidence());
    }

    /**
     * An envelope that does not take a number: the birth carries the node's current sequence
     * number so the hub can tell a node that lost its counters, without opening a gap.
     */
    public synchronized Envelope current() {
        return new Envelope(MessageIds.next(), Math.max(0, lastSeq), clock.now(), clock.confidence());
    }
}
