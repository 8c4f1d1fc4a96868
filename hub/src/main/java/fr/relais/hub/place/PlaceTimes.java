package fr.relais.hub.place;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Everything a place shows is Europe/Paris time; the API writes it with its offset, seconds included. */
public final class PlaceTimes {
    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private PlaceTimes() {
    }

    /** {@code 2026-12-01T09:00:00+01:00}. */
    public static String iso(long millis) {
        return ISO.format(Instant.ofEpochMilli(millis).atZone(PARIS));
    }

    /** An ISO date-time with offset ({@code Z} included), or null when it is not one. */
    public static Instant parse(String text) {
        if (text == null || text.length() > 40) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
