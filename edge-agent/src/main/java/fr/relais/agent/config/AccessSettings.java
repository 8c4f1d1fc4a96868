package fr.relais.agent.config;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a door node needs to trust an access list ({@code access:} in {@code agent.yaml}).
 *
 * @param publicKey  the hub's Ed25519 key: a list is used only once its signature verifies with it,
 *                   so neither the broker nor another node can slip a badge in
 * @param maxListAge how old the last valid list may be before the door treats it as too old (what
 *                   that means for each badge class is the door's policy, not the configuration's)
 */
public record AccessSettings(PublicKey publicKey, Duration maxListAge) {
    public static final Duration DEFAULT_MAX_LIST_AGE = Duration.ofHours(168);

    public AccessSettings {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(maxListAge, "maxListAge");
    }

    /** A short fingerprint of the key, enough to tell two deployments' keys apart in a log. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "AccessSettings[publicKey=" + fingerprint() + ", maxListAge=" + maxListAge + "]";
    }
}
