package fr.relais.agent.device.gpio;

/** Wiegand frames for tests, built as text ("0110…") the long way, apart from the decoder's arithmetic. */
final class WiegandBits {
    private WiegandBits() {
    }

    /** A well-formed frame: even parity, facility, card, odd parity. */
    static String frame(int facilityBits, long facility, long card) {
        String data = binary(facility, facilityBits) + binary(card, 16);
        String first = data.substring(0, data.length() / 2);
        String second = data.substring(data.length() / 2);
        return (ones(first) % 2 == 0 ? "0" : "1") + data + (ones(second) % 2 == 1 ? "0" : "1");
    }

    static String binary(long value, int width) {
        StringBuilder bits = new StringBuilder(Long.toBinaryString(value));
        while (bits.length() < width) {
            bits.insert(0, '0');
        }
        return bits.toString();
    }

    static String flip(String bits, int index) {
        char[] chars = bits.toCharArray();
        chars[index] = chars[index] == '0' ? '1' : '0';
        return new String(chars);
    }

    static long value(String bits) {
        return bits.isEmpty() ? 0 : Long.parseUnsignedLong(bits.length() > 64 ? bits.substring(0, 64) : bits, 2);
    }

    private static long ones(String bits) {
        return bits.chars().filter(c -> c == '1').count();
    }
}
