package fr.relais.agent.device.badge;

import fr.relais.protocol.WireValue;
import java.util.Optional;

/**
 * Which character a keyboard-wedge reader means by a Linux key code. evdev gives key positions,
 * not characters: digits (top row or keypad) are the same whatever the layout, and the shift a
 * reader set for an AZERTY host presses before each digit changes nothing here (letters are
 * case-insensitive in badge numbers), so shift is ignored. Letters do depend on the layout the
 * reader was set for: an "AZERTY" reader typing an A presses the key in QWERTY's Q position.
 */
enum KeyLayout implements WireValue {
    QWERTY("qwerty", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM"),
    AZERTY("azerty", "AZERTYUIOP", "QSDFGHJKLM", "WXCVBN");

    static final int KEY_ENTER = 28;
    static final int KEY_KPENTER = 96;
    /** Keys that only modify others (shift, ctrl, alt, caps lock, num lock, meta). */
    private static final int[] MODIFIERS = {29, 42, 54, 56, 58, 69, 97, 100, 125, 126};

    private final String wire;
    private final char[] characters = new char[256];

    KeyLayout(String wire, String topRow, String middleRow, String bottomRow) {
        this.wire = wire;
        for (int digit = 1; digit <= 9; digit++) {
            characters[1 + digit] = (char) ('0' + digit);
        }
        characters[11] = '0';
        for (int digit = 0; digit <= 9; digit++) {
            characters[Keypad.DIGITS[digit]] = (char) ('0' + digit);
        }
        row(topRow, 16);
        row(middleRow, 30);
        row(bottomRow, 44);
    }

    private void row(String letters, int firstCode) {
        for (int i = 0; i < letters.length(); i++) {
            characters[firstCode + i] = letters.charAt(i);
        }
    }

    /** Apart from the enum: its constants cannot read the enum's own static fields while they are made. */
    private static final class Keypad {
        /** KEY_KP0 to KEY_KP9. */
        static final int[] DIGITS = {82, 79, 80, 81, 75, 76, 77, 71, 72, 73};
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The letter or digit of {@code code}, if it is one. */
    Optional<Character> character(int code) {
        return code >= 0 && code < characters.length && characters[code] != 0
                ? Optional.of(characters[code]) : Optional.empty();
    }

    static boolean isEnter(int code) {
        return code == KEY_ENTER || code == KEY_KPENTER;
    }

    static boolean isModifier(int code) {
        for (int modifier : MODIFIERS) {
            if (modifier == code) {
                return true;
            }
        }
        return false;
    }
}
