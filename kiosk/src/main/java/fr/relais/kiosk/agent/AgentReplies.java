package fr.relais.kiosk.agent;

import fr.relais.protocol.content.PlaceContent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the agent's loopback API answers, as the kiosk uses it (see ISSUE12 "The agent"). */
public final class AgentReplies {

    private AgentReplies() {
    }

    /** {@code GET /kiosk/v1/status}. */
    public record Status(String node, String site, boolean linkUp, Instant refreshedAt, Long contentVersion) {
    }

    /** {@code GET /kiosk/v1/content}: content null when the agent has none yet. */
    public record Content(Instant refreshedAt, boolean linkUp, PlaceContent content) {
    }

    /** One device's latest state; {@code health} is ok, warning, error or unknown. */
    public record Device(String id, String kind, String name, String health, List<String> reasons,
                         Map<String, String> metrics, boolean simulated) {
        public Device {
            reasons = List.copyOf(reasons);
            metrics = Map.copyOf(metrics);
        }
    }

    /** {@code POST /kiosk/v1/tickets}. */
    public record Ticket(String ticket, int number, String label, String topic, int ahead,
                         Integer estimatedWaitMinutes, boolean printed) {
    }

    /**
     * An action's state: {@code pending}, {@code done}, {@code refused}, or {@code offline} (the agent
     * said the hub is needed and the link is down); {@code member} for a check-in.
     */
    public record Action(String action, String state, String code, String message, String member) {
        /** The agent does not know the action (anymore): no answer will come. */
        public static final String LOST = "lost";

        public boolean finished() {
            return !"pending".equals(state);
        }
    }

    /** A badge read of the kiosk's reader; the id stands for the badge inside the agent for 2 minutes. */
    public record BadgeRead(long seq, String read, Instant at) {
    }

    public record BadgeReads(List<BadgeRead> items, long last) {
        public BadgeReads {
            items = List.copyOf(items);
        }
    }
}
