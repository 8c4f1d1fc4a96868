package fr.relais.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * The hub's own retained presence. A new {@code session} each time the hub starts tells the
 * agents that it may have missed their births, so they send them again.
 */
public record HubState(Presence state, String session, Instant ts) implements Message {
    public HubState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(ts, "ts");
    }
}
