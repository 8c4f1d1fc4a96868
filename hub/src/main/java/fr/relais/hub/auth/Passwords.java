package fr.relais.hub.auth;

import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Password hashing with BCrypt (Spring Security's implementation), and the rules a password follows. */
final class Passwords {
    static final int MIN_LENGTH = 10;
    /** BCrypt reads at most 72 bytes; a longer password would be silently cut, so it is refused. */
    static final int MAX_BYTES = 72;
    /** 2^12 rounds: about a quarter of a second on a small server, and on a worker thread. */
    private static final int STRENGTH = 12;

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(STRENGTH);
    /** Checked when the user is unknown, so that the answer takes as long as for a wrong password. */
    private final String decoy = encoder.encode(Secrets.random().substring(0, 20));

    String hash(String password) {
        return encoder.encode(password);
    }

    /** Whether the password matches; with a null hash (no such user), false after the same work. */
    boolean matches(String password, String hash) {
        boolean tooLong = password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
        boolean matches = encoder.matches(tooLong ? "-" : password, hash == null || tooLong ? decoy : hash);
        return hash != null && !tooLong && matches;
    }

    /** Why a new password is refused, or null if it is acceptable. */
    static String problem(String password) {
        if (password.length() < MIN_LENGTH) {
            return "a password has at least " + MIN_LENGTH + " characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "a password has at most " + MAX_BYTES + " bytes (UTF-8)";
        }
        return null;
    }
}
