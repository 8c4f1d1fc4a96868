package fr.relais.agent.config;

import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;

/**
 * Reads {@code access}: {@code publicKey} (required: the hub's Ed25519 public key, X.509 DER in
 * base64, as provisioning renders it) and {@code maxListAgeHours} (optional). The key is decoded
 * now, so a damaged one stops the agent at start (or refuses a {@code set-config}) rather than
 * making every list fail its check later.
 */
final class AccessBlock {
    static final long MAX_LIST_AGE_HOURS = 24L * 366;

    private AccessBlock() {
    }

    static AccessSettings read(StrictObject access) throws FieldException {
        PublicKey key = publicKey(access.field("publicKey"), access.text("publicKey"));
        Duration maxListAge = Duration.ofHours(access.longIn("maxListAgeHours", 1, MAX_LIST_AGE_HOURS,
                AccessSettings.DEFAULT_MAX_LIST_AGE.toHours()));
        access.finish();
        return new AccessSettings(key, maxListAge);
    }

    private static PublicKey publicKey(String field, String text) throws FieldException {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new FieldException(field, "is not base64 (provisioning renders the hub's Ed25519 public key"
                    + " as X.509 DER in base64)");
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (InvalidKeySpecException e) {
            throw new FieldException(field, "is not an Ed25519 public key (X.509 DER in base64, as provisioning"
                    + " renders the hub's key)");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }
}
