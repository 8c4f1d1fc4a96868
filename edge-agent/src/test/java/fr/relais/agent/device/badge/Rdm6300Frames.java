package fr.relais.agent.device.badge;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/** RDM6300 frames as the module sends them, for a card number in decimal. */
final class Rdm6300Frames {
    private Rdm6300Frames() {
    }

    /** STX, version byte and the 32-bit card number in hex, XOR checksum, ETX. */
    static byte[] frame(int version, long card) {
        return frame(version, card, checksum(version, card));
    }

    static byte[] frame(int version, long card, int checksum) {
        String hex = String.format(Locale.ROOT, "%02X%08X%02X", version, card, checksum);
        byte[] bytes = new byte[hex.length() + 2];
        bytes[0] = 0x02;
        System.arraycopy(hex.getBytes(StandardCharsets.US_ASCII), 0, bytes, 1, hex.length());
        bytes[bytes.length - 1] = 0x03;
        return bytes;
    }

    static int checksum(int version, long card) {
        byte[] data = HexFormat.of().parseHex(String.format(Locale.ROOT, "%02X%08X", version, card));
        int xor = 0;
        for (byte b : data) {
            xor ^= b & 0xff;
        }
        return xor;
    }
}
