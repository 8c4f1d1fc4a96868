package fr.relais.hub.cowork;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sites' badge hash keys, for enrolling a badge by its number: hashed here exactly as the
 * edge agent's BadgeHasher does (HMAC-SHA256 of the normalised number, hex), so the hash matches
 * what the site's readers send; the number itself is never stored nor logged. The hub's
 * configuration has no such keys yet ({@link #NONE}): enrolment then goes by an unknown read.
 */
public final class BadgeKeys {
    public static final BadgeKeys NONE = new BadgeKeys(Map.of());
    private static final int MIN_KEY_LENGTH = 32;
    private final Map<String, String> keys;

    public BadgeKeys(Map<String, String> keysBySite) {
        keysBySite.forEach((site, key) -> {
            if (key == null || key.length() < MIN_KEY_LENGTH) {
                throw new IllegalArgumentException("the badge hash key of site " + site + " has fewer than "
                        + MIN_KEY_LENGTH + " characters");
            }
        });
        this.keys = Map.copyOf(keysBySite);
    }

    /** The hash of a badge number with the site's key, if the hub has it. */
    Optional<String> hash(String site, String number) {
        String key = keys.get(site);
        if (key == null) {
            return Optional.empty();
        }
        String normalised = normalise(number);
        if (normalised.isEmpty()) {
            throw new IllegalArgumentException("an empty badge number has no hash");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Optional.of(HexFormat.of().formatHex(mac.doFinal(normalised.getBytes(StandardCharsets.US_ASCII))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** As BadgeHasher: upper-case letters and digits only, leading zeros dropped. */
    static String normalise(String number) {
        String kept = number.toUpperCase(Locale.ROOT).replaceAll("[^0-9A-Z]", "");
        int start = 0;
        while (start < kept.length() - 1 && kept.charAt(start) == '0') {
            start++;
        }
        return kept.substring(start);
    }
}
