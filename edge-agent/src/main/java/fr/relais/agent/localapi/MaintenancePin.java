package fr.relais.agent.localapi;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The technician PIN as the configuration holds it: {@code pbkdf2-sha256$<iterations>$<salt
 * base64>$<hash base64>}, PBKDF2-HMAC-SHA256 from the JDK. A PIN is short, so only a slow hash
 * makes the file useless to whoever copies the SD card; the kiosk's lockout does the rest.
 */
public final class MaintenancePin {
    public static final String PREFIX = "pbkdf2-sha256";
    static final int MIN_ITERATIONS = 10_000;
    static final int MAX_ITERATIONS = 5_000_000;
    static final int DEFAULT_ITERATIONS = 120_000;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;
    private final String encoded;

    private MaintenancePin(int iterations, byte[] salt, byte[] hash, String encoded) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
        this.encoded = encoded;
    }

    /** @throws IllegalArgumentException saying what is wrong, never echoing the value */
    public static MaintenancePin parse(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            throw new IllegalArgumentException("must look like " + PREFIX + "$<iterations>$<salt base64>$<hash base64>"
                    + " (see edge-agent/README.md, \"The kiosk's API\")");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iteration count is not a number");
        }
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("the iteration count must be between " + MIN_ITERATIONS + " and "
                    + MAX_ITERATIONS);
        }
        byte[] salt;
        byte[] hash;
        try {
            salt = Base64.getDecoder().decode(parts[2]);
            hash = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the salt or the hash is not base64");
        }
        if (salt.length < 8 || hash.length < 16 || hash.length > 64) {
            throw new IllegalArgumentException("the salt needs at least 8 bytes and the hash 16 to 64");
        }
        return new MaintenancePin(iterations, salt, hash, encoded);
    }

    /** Hashes a PIN with a new salt: what provisioning (or a technician) writes in {@code agent.yaml}. */
    public static String hash(String pin) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] hash = derive(pin, salt, DEFAULT_ITERATIONS, 32);
        return PREFIX + "$" + DEFAULT_ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(hash);
    }

    public boolean matches(String pin) {
        if (pin == null || pin.isEmpty() || pin.length() > 64) {
            return false;
        }
        return MessageDigest.isEqual(hash, derive(pin, salt, iterations, hash.length));
    }

    /** The configuration's text, to be masked in {@code get-config}. */
    public String encoded() {
        return encoded;
    }

    private static byte[] derive(String pin, byte[] salt, int iterations, int length) {
        PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, length * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return PREFIX + "$****";
    }

}
