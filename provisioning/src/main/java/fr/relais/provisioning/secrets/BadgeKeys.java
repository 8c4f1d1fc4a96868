package fr.relais.provisioning.secrets;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A site's key for hashing badge numbers (the agent's {@code badges.hashKey}): 32 random bytes,
 * base64url without padding, so 43 characters that need no quoting anywhere. Every reader of the
 * site hashes with it, so a card gives the same hash on each; it changes only if the store is
 * edited, since every hash the hub knows would change with it.
 */
public final class BadgeKeys {
    private static final int BYTES = 32;
    /** What {@link #generate()} makes, and all a store may hold. */
    public static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private BadgeKeys() {
    }

    public static String generate() {
        byte[] key = new byte[BYTES];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }
}
