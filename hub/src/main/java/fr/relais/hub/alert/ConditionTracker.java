package fr.relais.hub.alert;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Since when each condition has held, or been absent: what the hold before opening and the
 * hold-off before clearing are measured from. In memory; after a restart, counting starts again.
 */
final class ConditionTracker {
    private final Map<String, Long> holdingSince = new HashMap<>();
    private final Map<String, Long> absentSince = new HashMap<>();

    /** The condition holds now; returns since when (the registry's word if it knows). */
    long holding(String key, Long knownSince, long now) {
        absentSince.remove(key);
        if (knownSince != null) {
            holdingSince.put(key, knownSince);
            return knownSince;
        }
        return holdingSince.computeIfAbsent(key, k -> now);
    }

    /** The condition does not hold now; returns since when. */
    long absent(String key, long now) {
        holdingSince.remove(key);
        return absentSince.computeIfAbsent(key, k -> now);
    }

    /** Forgets the conditions that neither hold nor have an alert. */
    void retain(Set<String> keys) {
        holdingSince.keySet().retainAll(keys);
        absentSince.keySet().retainAll(keys);
    }
}
