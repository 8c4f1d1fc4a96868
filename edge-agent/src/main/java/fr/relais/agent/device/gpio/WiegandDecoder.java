package fr.relais.agent.device.gpio;

/**
 * Decodes a Wiegand frame, bits in (first bit received is the most significant), result out.
 * Two formats:
 * <ul>
 *   <li>26 bits (H10301): even parity over bits 1–13, facility code (8 bits), card number (16 bits),
 *       odd parity over bits 14–26;</li>
 *   <li>34 bits: even parity over bits 1–17, facility code (16 bits), card number (16 bits), odd
 *       parity over bits 18–34.</li>
 * </ul>
 * Any other length, or a parity error, is a rejected frame: a noisy line never becomes a badge.
 */
final class WiegandDecoder {
    static final String WIEGAND_26 = "wiegand-26";
    static final String WIEGAND_34 = "wiegand-34";
    static final String UNKNOWN_FORMAT = "wiegand";
    /** The longest frame kept; longer ones are only counted, and refused. */
    static final int MAX_BITS = 64;

    private WiegandDecoder() {
    }

    static WiegandFrame decode(long bits, int length) {
        return switch (length) {
            case 26 -> decode(bits, 26, 8, WIEGAND_26);
            case 34 -> decode(bits, 34, 16, WIEGAND_34);
            default -> new WiegandFrame.Rejected(UNKNOWN_FORMAT, "length",
                    length > MAX_BITS ? "trame trop longue (plus de " + MAX_BITS + " bits)"
                            : "trame de " + length + " bits (26 ou 34 attendus)");
        };
    }

    private static WiegandFrame decode(long bits, int length, int facilityBits, String format) {
        int half = length / 2;
        long firstHalf = bits >>> half;
        long secondHalf = bits & ((1L << half) - 1);
        boolean evenOk = Long.bitCount(firstHalf) % 2 == 0;
        boolean oddOk = Long.bitCount(secondHalf) % 2 == 1;
        if (!evenOk || !oddOk) {
            return new WiegandFrame.Rejected(format, "parity", "parité incorrecte");
        }
        long data = (bits >>> 1) & ((1L << (length - 2)) - 1);
        long card = data & 0xFFFF;
        long facility = (data >>> 16) & ((1L << facilityBits) - 1);
        return new WiegandFrame.Card(format, facility, card);
    }

    /** The frame the receiver marked as noise: both lines active together. */
    static WiegandFrame noise() {
        return new WiegandFrame.Rejected(UNKNOWN_FORMAT, "noise", "bruit sur la ligne (D0 et D1 actifs ensemble)");
    }
}
