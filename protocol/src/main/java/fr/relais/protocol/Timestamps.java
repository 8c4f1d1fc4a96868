package fr.relais.protocol;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 texts of instants, as {@link Instant#toString()} writes them, but cheaper for the
 * common case of whole milliseconds: the part up to the second is formatted once per second.
 */
final class Timestamps {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /** The last second formatted, and its text; replaced together. */
    private record Cached(long epochSecond, String text) {
    }

    private static volatile Cached last = new Cached(Long.MIN_VALUE, "");

    private Timestamps() {
    }

    /**
     * Reads {@code uuuu-MM-ddTHH:mm:ssZ} or {@code uuuu-MM-ddTHH:mm:ss.SSSZ} with a year from 1970
     * to 9999, the forms nodes write; {@code null} for anything else, which the strict reader
     * then judges.
     */
    static Instant parse(String text) {
        int length = text.length();
        if ((length != 20 && length != 24) || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z' || (length == 24 && text.charAt(19) != '.')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int millis = length == 24 ? digits(text, 20, 3) : 0;
        if (year < 1970 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || millis < 0) {
            return null;
        }
        try {
            long days = java.time.LocalDate.of(year, month, day).toEpochDay();
            java.time.LocalTime time = java.time.LocalTime.of(hour, minute, second);
            return Instant.ofEpochSecond(days * 86_400 + time.toSecondOfDay(), millis * 1_000_000L);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The number written with {@code count} digits at {@code start}, or -1. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static String format(Instant instant) {
        int nanos = instant.getNano();
        long second = instant.getEpochSecond();
        if (nanos % 1_000_000 != 0 || second < 0 || second > 253_402_300_799L) {
            return instant.toString();
        }
        Cached cached = last;
        if (cached.epochSecond() != second) {
            cached = new Cached(second, SECONDS.format(instant));
            last = cached;
        }
        int millis = nanos / 1_000_000;
        if (millis == 0) {
            return cached.text() + "Z";
        }
        StringBuilder text = new StringBuilder(cached.text().length() + 5).append(cached.text()).append('.');
        if (millis < 100) {
            text.append('0');
        }
        if (millis < 10) {
            text.append('0');
        }
        return text.append(millis).append('Z').toString();
    }
}
