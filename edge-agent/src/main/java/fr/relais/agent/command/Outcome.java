package fr.relais.agent.command;

import fr.relais.protocol.ReplyStatus;
import java.util.Map;

/** How a command ended, before it becomes a reply. */
public record Outcome(ReplyStatus status, String reason, Map<String, Object> result) {
    public static Outcome ok(Map<String, Object> result) {
        return new Outcome(ReplyStatus.OK, "", result);
    }

    /** Not executed: invalid, expired, or not allowed on this node. */
    public static Outcome rejected(String reason) {
        return new Outcome(ReplyStatus.REJECTED, reason, Map.of());
    }

    /** Attempted, and it did not work. */
    public static Outcome failed(String reason) {
        return new Outcome(ReplyStatus.FAILED, reason, Map.of());
    }

    public static Outcome failed(String reason, Map<String, Object> result) {
        return new Outcome(ReplyStatus.FAILED, reason, result);
    }
}
