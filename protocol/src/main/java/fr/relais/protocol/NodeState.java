package fr.relais.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * The retained presence of a node on {@code …/state}. The {@code bdSeq} ties a state to the
 * connection that produced it, so a late Last Will of an old connection cannot mark a node
 * that has already reconnected as lost.
 */
public record NodeState(Presence state, long bdSeq, Instant ts) implements Message {
    public NodeState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(ts, "ts");
        if (bdSeq < 0) {
            throw new IllegalArgumentException("bdSeq must be >= 0, got " + bdSeq);
        }
    }
}
