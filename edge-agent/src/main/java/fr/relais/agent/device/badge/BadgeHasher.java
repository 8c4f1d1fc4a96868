package fr.relais.agent.device.badge;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a badge number into what leaves the reader: HMAC-SHA256 with the site's key, in hex. The
 * clear number is never stored, logged nor sent; the same badge gives the same hash on every
 * reader of the site (so the hub can recognise it), and a hash says nothing without the key.
 * Numbers are normalised first (upper case, no separators, no leading zeros) so a keyboard-wedge
 * reader and a serial one agree on a card.
 */
public final class BadgeHasher {
    /** The shortest key accepted, in characters (32 random bytes as hex or base64 are longer). */
    public static final int MIN_KEY_LENGTH = 32;
    private final SecretKeySpec key;

    public BadgeHasher(String key) {
        if (key == null || key.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("a badge hash key has at least " + MIN_KEY_LENGTH + " characters");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The hex HMAC of the normalised number. */
    public String hash(String badgeNumber) {
        String normalised = normalise(badgeNumber);
        if (normalised.isEmpty()) {
            throw new IllegalArgumentException("an empty badge number has no hash");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(normalised.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Upper case letters and digits only, leading zeros dropped ("00:1A-2b" becomes "1A2B"). */
    static String normalise(String badgeNumber) {
        String kept = badgeNumber.toUpperCase(Locale.ROOT).replaceAll("[^0-9A-Z]", "");
        int start = 0;
        while (start < kept.length() - 1 && kept.charAt(start) == '0') {
            start++;
        }
        return kept.substring(start);
    }

    /** A hasher for tools and tests that have no site key. Never for a real place. */
    public static BadgeHasher forTests() {
        return new BadgeHasher("test-only-badge-key-0123456789abcdef");
    }
}
