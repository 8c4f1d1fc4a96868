package fr.relais.hub.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Session ids and tokens: 256 random bits, kept in the database only as their SHA-256 digest.
 * A plain digest suffices for such values (unlike passwords, they cannot be guessed), and it
 * lets a request's credential be found with one indexed lookup.
 */
final class Secrets {
    /** Prefix of bearer tokens, so that a leaked one is recognisable in a log or a repository. */
    static final String TOKEN_PREFIX = "relais_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

    private Secrets() {
    }

    /** 256 random bits as URL-safe text. */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return TEXT.encodeToString(bytes);
    }

    static String digest(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * The CSRF token of a session: derived from the session's secret id (HMAC), so it needs no
     * storage and can be handed again to a reloaded page, yet cannot be computed without the
     * HttpOnly cookie, which scripts of other sites never see.
     */
    static String csrfToken(String sessionSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return TEXT.encodeToString(mac.doFinal("relais-csrf".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    /** Compares in a time that does not depend on where the texts differ. */
    static boolean same(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
