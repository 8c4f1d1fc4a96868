package fr.relais.kiosk.ui;

import static fr.relais.kiosk.content.French.typo;

/**
 * The code given when registering for a workshop or booking an appointment, as the visitor types it
 * back: the hub's alphabet ({@code fr.relais.hub.appointment.BookingCode}, the same for workshops and
 * appointments: 6 signs, no 0/O nor 1/I, which look alike), forgiving what is safe to forgive.
 *
 * <p>Lower case becomes upper case, and spaces, dashes and dots are dropped (a code copied as
 * "k7w-x3p"). An O, 0, I or 1 is refused with a sentence rather than guessed at: no code has them,
 * so any guess (O for Q? for D?) could cancel someone else's booking.
 */
final class CancelCode {

    /** Must stay the hub's {@code BookingCode.ALPHABET}: the kiosk does not depend on the hub. */
    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    static final int LENGTH = 6;
    static final String LOOK_ALIKE = typo("Les codes n'ont jamais de O, de 0, de I ni de 1 : "
            + "regardez bien votre code, c'est une autre lettre ou un autre chiffre.");
    static final String OTHER_SIGN = typo("Un code n'a que des lettres et des chiffres : regardez bien votre code.");
    static final String TOO_LONG = "Un code a 6\u00a0signes, pas plus.";
    private static final String LOOK_ALIKES = "O0I1";
    private static final String SEPARATORS = " -.\u00a0\t";

    private CancelCode() {
    }

    /**
     * What typed text adds to a code: its signs in upper case without separators, or why it cannot
     * be part of a code (exactly one of the two is null).
     */
    record Typed(String signs, String problem) {
    }

    static Typed typed(String text) {
        StringBuilder signs = new StringBuilder();
        // Sign by sign: a whole string's upper case may grow ("ß" becomes "SS", a code it never was).
        for (char typed : text.toCharArray()) {
            char c = Character.toUpperCase(typed);
            if (SEPARATORS.indexOf(c) >= 0) {
                continue;
            }
            if (LOOK_ALIKES.indexOf(c) >= 0) {
                return new Typed(null, LOOK_ALIKE);
            }
            if (ALPHABET.indexOf(c) < 0) {
                return new Typed(null, OTHER_SIGN);
            }
            signs.append(c);
        }
        return new Typed(signs.toString(), null);
    }

    /** Why a code of upper-case signs of the alphabet is not complete yet, or null when it is. */
    static String incomplete(String code) {
        int missing = LENGTH - code.length();
        if (missing <= 0) {
            return null;
        }
        if (missing == LENGTH) {
            return typo("Tapez d'abord votre code : 6\u00a0signes, sur votre ticket ou votre photo.");
        }
        return typo("Le code a 6\u00a0signes : il en manque " + missing + ".");
    }

    /** How a key says itself to a screen reader: "Lettre A", "Chiffre 2". */
    static String spoken(char sign) {
        return (Character.isDigit(sign) ? "Chiffre " : "Lettre ") + sign;
    }
}
