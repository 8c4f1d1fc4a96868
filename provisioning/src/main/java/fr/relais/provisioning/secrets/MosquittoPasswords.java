package fr.relais.provisioning.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes in the form Mosquitto 2.0 reads from its {@code password_file}, so that the
 * provisioning tool can write that file itself, byte for byte the same on every run, instead of
 * calling {@code mosquitto_passwd} (which would draw a new salt each time and needs the broker
 * installed on the machine that renders).
 *
 * <p>The format, as {@code mosquitto_passwd} 2.0 writes it: {@code $7$101$} + base64(salt) + {@code $}
 * + base64(PBKDF2-HMAC-SHA512(password, salt, 101 iterations, 64 bytes)), standard base64 with
 * padding. Mosquitto 1.x wrote {@code $6$} + base64(salt) + {@code $} + base64(SHA-512(password +
 * salt)), which 2.0 still reads; {@link #verify} accepts both.
 */
public final class MosquittoPasswords {
    /** Mosquitto 2.0.11 refuses (drops the user with "Unable to decode password salt") any other length. */
    static final int SALT_BYTES = 12;
    static final int HASH_BYTES = 64;
    /** What mosquitto_passwd 2.0 uses; low, but it is what the broker computes on every CONNECT. */
    static final int ITERATIONS = 101;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MosquittoPasswords() {
    }

    /** 12 random bytes from SecureRandom, as mosquitto_passwd uses. */
    public static byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return salt;
    }

    /**
     * The value after {@code username:} in a Mosquitto 2.0 passwd file; the same for the same
     * password and salt.
     *
     * @throws IllegalArgumentException for an empty password, one the broker would cut short (it
     *     contains NUL), or a salt that is not 12 bytes
     */
    public static String hash(String password, byte[] salt) {
        requireUsable(password);
        if (salt == null || salt.length != SALT_BYTES) {
            throw new IllegalArgumentException("A Mosquitto password salt must be " + SALT_BYTES + " bytes, not "
                    + (salt == null ? "null" : salt.length));
        }
        Base64.Encoder base64 = Base64.getEncoder();
        return "$7$" + ITERATIONS + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(pbkdf2(password, salt, ITERATIONS));
    }

    /**
     * Whether {@code encoded} (the {@code $7$} form, or the older {@code $6$} one) is the hash of
     * {@code password}.
     *
     * @throws IllegalArgumentException when {@code encoded} is not a Mosquitto password hash; the
     *     message says which part is wrong (never the password)
     */
    public static boolean verify(String password, String encoded) {
        if (password == null) {
            throw new IllegalArgumentException("No password to verify (null)");
        }
        EncodedPassword parsed = EncodedPassword.parse(encoded);
        byte[] computed = parsed.iterations() == 0
                ? sha512(password, parsed.salt())
                : pbkdf2(password, parsed.salt(), parsed.iterations());
        // Constant time, like the broker: the comparison must not tell how much of a guess was right.
        return MessageDigest.isEqual(computed, parsed.hash());
    }

    private static void requireUsable(String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("Refusing to hash an empty password");
        }
        if (password.indexOf('\0') >= 0) {
            // Mosquitto handles the password as a C string: it would only ever check the part before.
            throw new IllegalArgumentException("A Mosquitto password cannot contain a NUL character");
        }
    }

    /** PBKDF2 as OpenSSL's PKCS5_PBKDF2_HMAC does it; the JDK also feeds the password as UTF-8. */
    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        KeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot compute PBKDF2WithHmacSHA512", e);
        }
    }

    /** Mosquitto 1.x: one SHA-512 of the password followed by the salt. */
    private static byte[] sha512(String password, byte[] salt) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            digest.update(password.getBytes(StandardCharsets.UTF_8));
            digest.update(salt);
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot compute SHA-512", e);
        }
    }
}
