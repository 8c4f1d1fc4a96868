package fr.relais.protocol;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A request from the hub on {@code …/cmd/{name}}; the name travels in the topic only. A node
 * executes a given {@code requestId} at most once.
 *
 * @param expiresAt after this instant the node refuses it: a reboot asked for on Monday must not
 *                  happen when the van's link comes back on Thursday
 * @param args      JSON object of plain values: String, Long, Double, Boolean, null, List, Map
 */
public record Command(String name, UUID requestId, Instant ts, Optional<Instant> expiresAt,
                      Map<String, Object> args) implements Message {
    public Command {
        if (!Ids.isValid(name)) {
            throw new IllegalArgumentException("command name " + Ids.problem(name));
        }
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(expiresAt, "expiresAt");
        args = JsonValues.copyOfObject(args);
    }

    public boolean isExpired(Instant now) {
        return expiresAt.map(now::isAfter).orElse(false);
    }
}
