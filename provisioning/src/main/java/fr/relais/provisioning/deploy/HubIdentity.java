package fr.relais.provisioning.deploy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The hub's MQTT credentials: the current one, and those a rotation keeps valid for its overlap.
 * A rotation needs a new username ({@code relais-hub.2}, {@code relais-hub.3}…), not only a new
 * password: when mosquitto 2.0 reloads a passwd file in which a username's password has changed,
 * it drops that client's session, queued messages and subscription included, even while the client
 * is away (observed here). With a new username the running hub stays connected on the old one,
 * and the restarted hub resumes the same session under the new one (same client id).
 */
record HubIdentity(Credential current, List<Credential> previous) {
    static final String FIRST_USERNAME = "relais-hub";

    HubIdentity {
        previous = previous == null ? List.of() : List.copyOf(previous);
    }

    static String username(int generation) {
        return generation == 1 ? FIRST_USERNAME : FIRST_USERNAME + "." + generation;
    }

    /** 1 for {@code relais-hub}, N for {@code relais-hub.N}; 0 for anything else. */
    static int generation(String username) {
        if (FIRST_USERNAME.equals(username)) {
            return 1;
        }
        String suffix = username.startsWith(FIRST_USERNAME + ".") ? username.substring(FIRST_USERNAME.length() + 1) : "";
        return suffix.matches("[1-9][0-9]{0,8}") ? Integer.parseInt(suffix) : 0;
    }

    /** What the broker must accept now, the current one last. */
    List<Credential> valid(Instant now) {
        return Stream.concat(previous.stream().filter(credential -> credential.validAt(now)), Stream.of(current))
                .toList();
    }

    /** A new current credential; the ones before it stay valid until {@code overlapEnds}, then go. */
    HubIdentity rotated(Credential.Factory factory, Instant now, Instant overlapEnds) {
        List<Credential> kept = new ArrayList<>();
        for (Credential credential : valid(now)) {
            Instant ends = credential.expiresAt() == null || credential.expiresAt().isAfter(overlapEnds)
                    ? overlapEnds : credential.expiresAt();
            if (now.isBefore(ends)) {
                kept.add(credential.expiringAt(ends));
            }
        }
        return new HubIdentity(factory.create(username(generation(current.username()) + 1), now), kept);
    }

    HubIdentity pruned(Instant now) {
        return new HubIdentity(current, previous.stream().filter(credential -> credential.validAt(now)).toList());
    }
}
