package fr.relais.protocol;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A node's answer to a command, correlated by {@code requestId}. {@code reason} is empty when
 * the status is {@link ReplyStatus#OK} and says why otherwise.
 */
public record Reply(Envelope envelope, UUID requestId, String command, ReplyStatus status, String reason,
                    Map<String, Object> result) implements Message {
    public Reply {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        if (!Ids.isValid(command)) {
            throw new IllegalArgumentException("command " + Ids.problem(command));
        }
        if ((status == ReplyStatus.REJECTED || status == ReplyStatus.FAILED) && reason.isBlank()) {
            throw new IllegalArgumentException("a " + status.wire() + " reply must say why");
        }
        result = JsonValues.copyOfObject(result);
    }
}
