package fr.relais.provisioning.deploy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every credential a node has had that is still worth keeping: the current one last. The
 * generation numbers usernames ({@code node.1}, {@code node.2}…): during a rotation's overlap the
 * broker must accept the old and the new password at once, and its passwd file holds one
 * password per username. A dot never appears in an id, so no username can be another node's.
 *
 * @param revokedAt set once the node is revoked: it gets no credential until it is rotated again
 */
public record NodeIdentity(int generation, List<Credential> credentials, Instant revokedAt) {
    public NodeIdentity {
        credentials = List.copyOf(credentials);
        if (generation < 1) {
            throw new IllegalArgumentException("generation must be at least 1");
        }
    }

    public static String username(String node, int generation) {
        return node + "." + generation;
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    public Credential current() {
        return credentials.get(credentials.size() - 1);
    }

    /** The credentials the broker must accept now: none once revoked. */
    public List<Credential> valid(Instant now) {
        if (revoked()) {
            return List.of();
        }
        return credentials.stream().filter(credential -> credential.validAt(now)).toList();
    }

    /** A new current credential; the ones before it stay valid until {@code overlapEnds}, then go. */
    NodeIdentity rotated(String node, Credential.Factory factory, Instant now, Instant overlapEnds) {
        List<Credential> kept = new ArrayList<>();
        if (!revoked()) {
            for (Credential credential : credentials) {
                if (credential.validAt(now)) {
                    Instant ends = credential.expiresAt() == null || credential.expiresAt().isAfter(overlapEnds)
                            ? overlapEnds : credential.expiresAt();
                    if (now.isBefore(ends)) {
                        kept.add(credential.expiringAt(ends));
                    }
                }
            }
        }
        int next = generation + 1;
        kept.add(factory.create(username(node, next), now));
        return new NodeIdentity(next, kept, null);
    }

    NodeIdentity revokedAt(Instant now) {
        Objects.requireNonNull(now, "now");
        return new NodeIdentity(generation, credentials, now);
    }

    /** Drops what has expired: nothing old stays in the store for ever. */
    NodeIdentity pruned(Instant now) {
        List<Credential> left = credentials.stream().filter(credential -> credential.validAt(now)).toList();
        return left.isEmpty() ? this : new NodeIdentity(generation, left, revokedAt);
    }
}
