package fr.relais.agent.device.gpio;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns the breaks of two beams across an entrance into crossings. Someone coming in breaks the
 * outer beam first and clears the inner one last; going out, the other way round. Anything else
 * is refused and never counted:
 * <ul>
 *   <li>{@code both-beams-at-once}: the second beam broke within {@link #AT_ONCE} of the first,
 *       so the order says nothing (a trolley, a hand across both, crossed wiring);</li>
 *   <li>{@code single-beam}: only one beam was broken (someone turned back, a hand, an insect);</li>
 *   <li>{@code reversal}: both were broken but the first one cleared last (a step in, then back);</li>
 *   <li>{@code beam-blocked}: a crossing still unfinished after the timeout (a beam that never
 *       clears: someone standing in the doorway, a bag, a misaligned sensor); nothing more is
 *       counted until both beams are clear again.</li>
 * </ul>
 * Pure: the caller serialises calls and passes the time of each change.
 */
final class CrossingTracker {
    /** Breaks closer than this cannot be ordered (people walk through 10 cm of doorway in ~70 ms). */
    static final Duration AT_ONCE = Duration.ofMillis(10);
    static final String BEAM_BLOCKED = "beam-blocked";

    enum Beam { OUTER, INNER }

    enum Direction { ENTRY, EXIT }

    /** What a finished sequence of breaks was. */
    sealed interface Passage permits Crossed, Refused {
    }

    record Crossed(Direction direction) implements Passage {
    }

    record Refused(String reason) implements Passage {
    }

    private final Duration timeout;
    private final boolean[] broken = new boolean[2];
    private final boolean[] seen = new boolean[2];
    private Beam first;
    private Instant firstAt;
    private Beam lastCleared;
    private boolean atOnce;
    private boolean blocked;

    CrossingTracker(Duration timeout) {
        this.timeout = timeout;
    }

    /** The beams as found at start: one already broken is blocked until both are clear. */
    void start(boolean outerBroken, boolean innerBroken) {
        broken[Beam.OUTER.ordinal()] = outerBroken;
        broken[Beam.INNER.ordinal()] = innerBroken;
        blocked = outerBroken || innerBroken;
    }

    Optional<Passage> changed(Beam beam, boolean isBroken, Instant at) {
        broken[beam.ordinal()] = isBroken;
        boolean bothClear = !broken[0] && !broken[1];
        if (blocked) {
            if (bothClear) {
                reset();
            }
            return Optional.empty();
        }
        if (isBroken) {
            if (first == null) {
                first = beam;
                firstAt = at;
            } else if (beam != first && !seen[beam.ordinal()]
                    && Duration.between(firstAt, at).abs().compareTo(AT_ONCE) < 0) {
                atOnce = true;
            }
            seen[beam.ordinal()] = true;
            return Optional.empty();
        }
        if (first == null) {
            return Optional.empty();
        }
        lastCleared = beam;
        if (!bothClear) {
            return Optional.empty();
        }
        Passage passage = verdict();
        reset();
        return Optional.of(passage);
    }

    private Passage verdict() {
        if (atOnce) {
            return new Refused("both-beams-at-once");
        }
        if (!seen[0] || !seen[1]) {
            return new Refused("single-beam");
        }
        if (lastCleared == first) {
            return new Refused("reversal");
        }
        return new Crossed(first == Beam.OUTER ? Direction.ENTRY : Direction.EXIT);
    }

    /** A crossing that takes longer than the timeout is refused once; the beams are then blocked. */
    Optional<Passage> tick(Instant now) {
        if (blocked || first == null || Duration.between(firstAt, now).compareTo(timeout) <= 0) {
            return Optional.empty();
        }
        blocked = true;
        first = null;
        return Optional.of(new Refused(BEAM_BLOCKED));
    }

    /** Whether a beam has stayed broken past the timeout (or was broken at start). */
    boolean blocked() {
        return blocked;
    }

    private void reset() {
        first = null;
        firstAt = null;
        lastCleared = null;
        atOnce = false;
        blocked = false;
        seen[0] = false;
        seen[1] = false;
    }
}
