package fr.relais.hub.cowork;

import java.util.List;

/** A room or a desk that can be booked; a booking of it opens {@code door}, if any. */
record Resource(String id, String site, String name, String kind, String door, long createdAt) {
    static final List<String> KINDS = List.of("room", "desk");
}
