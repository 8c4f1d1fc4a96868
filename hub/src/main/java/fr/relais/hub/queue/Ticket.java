package fr.relais.hub.queue;

import java.util.List;

/**
 * A queue ticket of a place, as the agent numbered it ({@code label} "C12": topic letter and the
 * number of the node's local day). Times in epoch milliseconds; {@code calledAt}, {@code desk} and
 * {@code doneAt} stay null until it happens.
 */
public record Ticket(String id, String site, String node, String day, int number, String label, String topic,
                     long takenAt, Long calledAt, String desk, Long doneAt, String status) {
    public static final String WAITING = "waiting";
    public static final String CALLED = "called";
    public static final String DONE = "done";
    public static final String NO_SHOW = "no-show";
    public static final List<String> STATUSES = List.of(WAITING, CALLED, DONE, NO_SHOW);

    /** How long the mediator spent with this visitor, or null if it was not served. */
    public Long serviceMillis() {
        return status.equals(DONE) && calledAt != null && doneAt != null && doneAt >= calledAt ? doneAt - calledAt
                : null;
    }
}
