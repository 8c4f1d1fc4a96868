package fr.relais.agent.access;

import fr.relais.protocol.access.AccessListException;
import fr.relais.protocol.access.AccessListException.Reason;
import java.util.Objects;
import java.util.Optional;

/**
 * What the node did with a list it was offered; {@code refusal} is present exactly when it was
 * refused. The caller replies to the hub from it: only {@link #snapshotNeeded()} asks for one.
 */
public record AccessListOffer(Outcome outcome, Optional<AccessListException> refusal) {
    public enum Outcome {
        /** A snapshot now held in place of the previous list. */
        SNAPSHOT_HELD,
        /** A delta merged into the held list. */
        DELTA_MERGED,
        /** The held version again: its receipt time moved forward, nothing else changed. */
        CONFIRMED,
        /** Not used: the node keeps the list it held. */
        REFUSED
    }

    public AccessListOffer {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(refusal, "refusal");
        if ((outcome == Outcome.REFUSED) != refusal.isPresent()) {
            throw new IllegalArgumentException("a refusal, and only a refusal, has a reason");
        }
    }

    static AccessListOffer of(Outcome outcome) {
        return new AccessListOffer(outcome, Optional.empty());
    }

    static AccessListOffer refused(AccessListException why) {
        return new AccessListOffer(Outcome.REFUSED, Optional.of(why));
    }

    public boolean snapshotNeeded() {
        return refusal.map(why -> why.reason() == Reason.WRONG_BASE).orElse(false);
    }
}
