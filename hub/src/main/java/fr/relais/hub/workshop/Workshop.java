package fr.relais.hub.workshop;

import java.util.List;

/**
 * A workshop of a place: {@code registered} is how many registrations hold now (seats left:
 * {@code seats - registered}). {@code place}: where in the building, null for the place itself.
 */
public record Workshop(String id, String site, String title, String topic, String level, long startAt, long endAt,
                       int seats, boolean professional, String place, String status, boolean example,
                       long createdAt, int registered) {
    public static final List<String> LEVELS = List.of("beginner", "intermediate", "advanced");
    public static final List<String> STATUSES = List.of("active", "cancelled");
    /** A workshop of more than a day, or of a thousand seats, is a typing mistake. */
    public static final int MAX_SEATS = 500;

    public int free() {
        return Math.max(0, seats - registered);
    }
}
