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
