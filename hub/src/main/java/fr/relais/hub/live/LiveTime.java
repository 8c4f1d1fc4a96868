package fr.relais.hub.live;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A millisecond instant as {@link Instant#toString()} writes it ({@code 2026-12-06T10:00:00.123Z},
 * no fraction when the milliseconds are 0), without the formatter: every device event of a batch
 * carries three of them, and Instant.toString was a few percent of the hub's allocation under load.
 */
final class LiveTime {
    private static final long DAY_MILLIS = 86_400_000L;
    /** Years 0000 to 9999: outside, Instant.toString writes a sign, and is called as before. */
    private static final long FIRST_DAY = LocalDate.of(0, 1, 1).toEpochDay();
    private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

    private LiveTime() {
    }

    static String iso(long epochMillis) {
        long day = Math.floorDiv(epochMillis, DAY_MILLIS);
        if (day < FIRST_DAY || day > LAST_DAY) {
            return Instant.ofEpochMilli(epochMillis).toString();
        }
        int ofDay = (int) Math.floorMod(epochMillis, DAY_MILLIS);
        int millis = ofDay % 1000;
        int seconds = ofDay / 1000;
        LocalDate date = LocalDate.ofEpochDay(day);
        byte[] out = new byte[millis == 0 ? 20 : 24];
        digits(out, 0, date.getYear(), 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, seconds / 3600, 2);
        out[13] = ':';
        digits(out, 14, seconds / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, seconds % 60, 2);
        if (millis != 0) {
            out[19] = '.';
            digits(out, 20, millis, 3);
        }
        out[out.length - 1] = 'Z';
        return new String(out, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static void digits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
