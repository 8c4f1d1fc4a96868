package fr.relais.hub.appointment;

import java.util.List;

/**
 * An appointment slot with a place's mediator or with the van's agents at a stop
 * ({@code commune} then says which); {@code booking} is the one holding it, null while free.
 */
public record Slot(String id, String site, String with, long startAt, long endAt, String place, String commune,
                   boolean example, long createdAt, Booking booking) {
    public static final List<String> WITH = List.of("mediator", "van");

    /** Who booked (a first name only) and the code they keep. */
    public record Booking(String code, String slotId, String site, String firstName, String source, long createdAt,
                          Long cancelledAt) {
    }
}
