package fr.relais.agent.uplink;

import fr.relais.agent.clock.ClockWatch;
import fr.relais.agent.store.LocalState;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.MessageIds;

/**
 * Stamps every message the node emits with a new id, the next sequence number and the time
 * with its confidence. The sequence survives restarts, so the hub can count what went missing.
 */
public final class Envelopes {
    private final LocalState state;
    private final ClockWatch clock;
    private long lastSeq;

    public Envelopes(LocalState state, ClockWatch clock) {
        this.state = state;
        this.clock = clock;
        this.lastSeq = state.lastSeq();
    }

    public synchronized Envelope next() {
        lastSeq++;
        state.saveLastSeq(lastSeq);
        return new Envelope(MessageIds.next(), lastSeq, clock.now(), clock.confidence());
    }
}
