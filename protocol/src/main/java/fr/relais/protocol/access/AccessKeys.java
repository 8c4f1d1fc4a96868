package fr.relais.protocol.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The hub's Ed25519 signing key pair, in the PEM forms OpenSSL writes
 * ({@code openssl genpkey -algorithm ed25519}): {@code PRIVATE KEY} (PKCS#8) stays on the hub,
 * {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo) goes to every door node at provisioning. JDK
 * only: Ed25519 is built into Java 15 and later.
 */
public final class AccessKeys {
    static final String ALGORITHM = "Ed25519";
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private AccessKeys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no Ed25519 (Java 15 or later needed)", e);
        }
    }

    public static String privatePem(PrivateKey key) {
        return pem(PRIVATE, key.getEncoded());
    }

    public static String publicPem(PublicKey key) {
        return pem(PUBLIC, key.getEncoded());
    }

    /** A {@code PRIVATE KEY} PEM text (PKCS#8) holding an Ed25519 key. */
    public static PrivateKey readPrivate(String pem) throws InvalidKeyException {
        byte[] der = unwrap(pem, PRIVATE, false);
        try {
            return ed25519(KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyException("not an Ed25519 private key (PKCS#8): " + e.getMessage(), e);
        }
    }

    /** A {@code PUBLIC KEY} PEM text (X.509 SubjectPublicKeyInfo), or the same DER as bare base64. */
    public static PublicKey readPublic(String pemOrBase64) throws InvalidKeyException {
        byte[] der = unwrap(pemOrBase64, PUBLIC, true);
        try {
            return ed25519(KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der)));
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyException("not an Ed25519 public key (X.509): " + e.getMessage(), e);
        }
    }

    /** Refuses an Ed448 key, which the same key factory family would also load. */
    static <K extends Key> K ed25519(K key) throws InvalidKeyException {
        if (!(key instanceof EdECKey edec) || !ALGORITHM.equalsIgnoreCase(edec.getParams().getName())) {
            throw new InvalidKeyException("not an Ed25519 key: " + key.getAlgorithm());
        }
        return key;
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] unwrap(String text, String label, boolean bareAllowed) throws InvalidKeyException {
        if (text == null) {
            throw new InvalidKeyException("no key text");
        }
        String body = text.strip();
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        if (body.startsWith(begin) && body.endsWith(end)) {
            body = body.substring(begin.length(), body.length() - end.length());
        } else if (!bareAllowed || body.startsWith("-----")) {
            throw new InvalidKeyException("expected a PEM text between '" + begin + "' and '" + end + "'");
        }
        try {
            return Base64.getMimeDecoder().decode(body.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException("the " + label + " is not valid base64: " + e.getMessage());
        }
    }
}
