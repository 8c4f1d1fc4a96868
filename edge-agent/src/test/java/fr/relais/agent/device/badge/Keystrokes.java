package fr.relais.agent.device.badge;

import fr.relais.agent.device.badge.InputEventLayout.InputEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Builds the bytes a USB keyboard-wedge reader's evdev device gives, record by record, as the
 * kernel writes them for a HID keyboard (each key: EV_MSC MSC_SCAN with the HID usage, EV_KEY,
 * EV_SYN SYN_REPORT; then the same for the release), with increasing timestamps.
 */
final class Keystrokes {
    static final int KEY_LEFTSHIFT = 42;
    static final int KEY_TAB = 15;
    static final int KEY_ENTER = 28;
    static final int KEY_KPENTER = 96;
    private static final int EV_MSC = 4;
    private static final int MSC_SCAN = 4;

    private final InputEventLayout layout;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long micros = 1_764_880_000_000_000L;

    Keystrokes(InputEventLayout layout) {
        this.layout = layout;
    }

    static Keystrokes lp64() {
        return new Keystrokes(InputEventLayout.LP64);
    }

    /** Types {@code text} (digits and upper-case letters, QWERTY positions) then Enter. */
    Keystrokes line(String text) {
        return type(text).key(KEY_ENTER);
    }

    Keystrokes type(String text) {
        for (char c : text.toCharArray()) {
            key(codeOf(c));
        }
        return this;
    }

    /** A press and a release of one key, with their scan codes and reports. */
    Keystrokes key(int code) {
        press(code);
        return release(code);
    }

    Keystrokes press(int code) {
        return event(EV_MSC, MSC_SCAN, 0x70000 + code).event(InputEvent.EV_KEY, code, InputEvent.KEY_PRESSED)
                .event(InputEvent.EV_SYN, 0, 0);
    }

    Keystrokes release(int code) {
        return event(EV_MSC, MSC_SCAN, 0x70000 + code).event(InputEvent.EV_KEY, code, InputEvent.KEY_RELEASED)
                .event(InputEvent.EV_SYN, 0, 0);
    }

    Keystrokes event(int type, int code, int value) {
        byte[] record = layout.encode(new InputEvent(type, code, value));
        ByteBuffer time = ByteBuffer.wrap(record).order(layout.order());
        if (layout.size() == 24) {
            time.putLong(0, micros / 1_000_000).putLong(8, micros % 1_000_000);
        } else {
            time.putInt(0, (int) (micros / 1_000_000)).putInt(4, (int) (micros % 1_000_000));
        }
        micros += 8_000;
        bytes.writeBytes(record);
        return this;
    }

    Keystrokes raw(byte[] garbage) {
        bytes.writeBytes(garbage);
        return this;
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }

    /** The QWERTY key code of a digit or letter. */
    static int codeOf(char c) {
        if (c == '0') {
            return 11;
        }
        if (c >= '1' && c <= '9') {
            return 2 + c - '1';
        }
        String[] rows = {"QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM"};
        int[] first = {16, 30, 44};
        for (int row = 0; row < rows.length; row++) {
            int at = rows[row].indexOf(Character.toUpperCase(c));
            if (at >= 0) {
                return first[row] + at;
            }
        }
        throw new IllegalArgumentException("no key for '" + c + "'");
    }
}
