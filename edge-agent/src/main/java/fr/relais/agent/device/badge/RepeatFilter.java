package fr.relais.agent.device.badge;

import java.time.Duration;
import java.time.Instant;

/**
 * Folds the repeated reads of one card into one: a 125 kHz module sends its frame again and
 * again while the card lies on it, and a hesitant hand presents it twice. A read of the same
 * badge less than {@link #WINDOW} after its previous read (even a folded one) is a repeat, so a
 * card left on the reader gives one event, and presenting it again after a pause gives another.
 * Keyed by the hash: the filter never holds a clear number.
 */
final class RepeatFilter {
    static final Duration WINDOW = Duration.ofSeconds(1);

    private String lastHash;
    private Instant lastSeen = Instant.MIN;

    /** Whether this read repeats the previous one; remembers it either way. */
    boolean isRepeat(String hash, Instant now) {
        boolean repeat = hash.equals(lastHash) && Duration.between(lastSeen, now).compareTo(WINDOW) < 0;
        lastHash = hash;
        lastSeen = now;
        return repeat;
    }
}
