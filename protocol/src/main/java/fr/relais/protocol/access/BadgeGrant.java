package fr.relais.protocol.access;

import fr.relais.protocol.Ids;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one badge may open, and when. The hub computes it from the member's plan, access groups,
 * bookings and suspensions; the door only applies it, offline if need be.
 *
 * @param member     the hub's opaque member id (no name travels to the Pi), for the access log
 * @param validFrom  first local day the badge works, if bounded
 * @param validUntil last local day it works (inclusive), if bounded
 * @param doors      the door device ids it may open; empty means none (a booking may still open one)
 * @param windows    weekly local hours on {@code doors}; staff and maintenance badges need none
 * @param bookings   slots (margins included) that open one door each, even outside windows
 * @param packDays   for a pack of days: how many are left, and the local day already counted
 */
public record BadgeGrant(String badgeHash, String member, BadgeClass badgeClass, Optional<LocalDate> validFrom,
                         Optional<LocalDate> validUntil, boolean suspended, Set<String> doors,
                         List<AccessWindow> windows, List<BookingSlot> bookings, Optional<PackDays> packDays) {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public BadgeGrant {
        requireHash(badgeHash);
        if (!Ids.isValid(member)) {
            throw new IllegalArgumentException("member " + Ids.problem(member));
        }
        Objects.requireNonNull(badgeClass, "badgeClass");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        if (validFrom.isPresent() && validUntil.isPresent() && validUntil.get().isBefore(validFrom.get())) {
            throw new IllegalArgumentException("validUntil " + validUntil.get() + " is before validFrom "
                    + validFrom.get());
        }
        doors = Set.copyOf(doors);
        doors.forEach(door -> {
            if (!Ids.isValid(door)) {
                throw new IllegalArgumentException("door " + Ids.problem(door));
            }
        });
        windows = List.copyOf(windows);
        bookings = List.copyOf(bookings);
        Objects.requireNonNull(packDays, "packDays");
    }

    /** A badge hash as the readers make it: 64 lower-case hex characters. */
    static void requireHash(String hash) {
        if (hash == null || !HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("a badge hash is 64 lower-case hex characters");
        }
    }

    /** The start of a hash, enough to find it in a log, not to guess anything. */
    public static String shortHash(String hash) {
        return hash == null || hash.length() < 8 ? "?" : hash.substring(0, 8) + "…";
    }

    /** Who holds it: staff and maintenance badges open their doors at any hour. */
    public enum BadgeClass {
        MEMBER, STAFF, MAINTENANCE
    }

    /** A pack of days: {@code left} days remain; {@code countedDay} has already been used. */
    public record PackDays(int left, Optional<LocalDate> countedDay) {
        public PackDays {
            if (left < 0) {
                throw new IllegalArgumentException("left must be >= 0, got " + left);
            }
            Objects.requireNonNull(countedDay, "countedDay");
        }
    }
}
