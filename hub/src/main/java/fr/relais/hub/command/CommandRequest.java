package fr.relais.hub.command;

import fr.relais.protocol.Command;
import fr.relais.protocol.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A technician's request to run a command on a node, checked against the contract before
 * anything is stored or sent.
 *
 * @param args    a JSON object of plain values (String, Long, Double, Boolean, null, List, Map)
 * @param timeout how long the node may take; it is also the command's {@code expiresAt}, after
 *                which the node refuses to start it
 */
public record CommandRequest(String node, String name, Map<String, Object> args, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration MAX_TIMEOUT = Duration.ofDays(1);

    public CommandRequest {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(timeout, "timeout");
        String problem = Ids.problem(name);
        if (problem != null) {
            throw new IllegalArgumentException("name " + problem);
        }
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeoutSeconds must be between 1 and " + MAX_TIMEOUT.toSeconds()
                    + ", got " + timeout.toSeconds());
        }
        // The protocol's own rules decide what arguments may travel (types, nesting depth).
        try {
            args = new Command(name, new UUID(0, 0), Instant.EPOCH, Optional.empty(), args).args();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("args: " + e.getMessage(), e);
        }
    }

    /** The message to publish, expiring when the hub stops waiting for it. */
    Command command(UUID requestId, Instant now) {
        return new Command(name, requestId, now, Optional.of(now.plus(timeout)), args);
    }
}
