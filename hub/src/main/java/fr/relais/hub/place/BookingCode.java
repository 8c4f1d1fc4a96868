package fr.relais.hub.place;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The code a visitor keeps to cancel a booking or a workshop registration: 6 characters read off
 * a screen or a paper ticket and typed back on a kiosk, so none that look alike (no 0/O, 1/I).
 * 32 symbols: about a billion codes, unique among the bookings that hold (the stores check, and a
 * unique index stands behind them).
 */
public final class BookingCode {
    public static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    public static final int LENGTH = 6;
    private static final Pattern SHAPE = Pattern.compile("[" + ALPHABET + "]{" + LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private BookingCode() {
    }

    public static String next() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(code);
    }

    /**
     * A code as a visitor typed it (lower case, spaces around), or null when it cannot be one.
     * An O or an I typed for a 0 or a 1 is not guessed at: such a code was never given.
     */
    public static String normalise(Object typed) {
        if (!(typed instanceof String text) || text.length() > 20) {
            return null;
        }
        String code = text.strip().toUpperCase(Locale.ROOT);
        return SHAPE.matcher(code).matches() ? code : null;
    }
}
