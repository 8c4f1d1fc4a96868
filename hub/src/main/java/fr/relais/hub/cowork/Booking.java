package fr.relais.hub.cowork;

import java.time.Instant;

/** A member's slot on a resource; {@code cancelledAt} null while it holds. */
record Booking(String id, String site, String resourceId, String memberId, Instant from, Instant until,
               long createdAt, Long cancelledAt) {
}
