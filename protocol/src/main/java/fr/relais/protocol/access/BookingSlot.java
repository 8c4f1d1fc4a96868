package fr.relais.protocol.access;

import fr.relais.protocol.Ids;
import java.time.Instant;
import java.util.Objects;

/**
 * A booking that opens one door to its member: {@code from} and {@code until} already include
 * the margins the place allows before and after the slot.
 */
public record BookingSlot(String door, Instant from, Instant until) {
    public BookingSlot {
        if (!Ids.isValid(door)) {
            throw new IllegalArgumentException("door " + Ids.problem(door));
        }
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("a booking ends after it starts");
        }
    }
}
