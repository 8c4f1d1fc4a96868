package fr.relais.provisioning.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The hub's Ed25519 key pair for signing the doors' access lists, one per deployment, as the
 * secret store keeps it: the private key as PKCS#8 DER and the public key as X.509 DER, both in
 * standard base64 (the store's salts are base64 too). The hub signs with the private key; every
 * door node verifies with the public key, rendered into its {@code agent.yaml}. Only the JDK is
 * used, so what this writes the agent and the hub read with plain JDK code.
 *
 * @param privateKey PKCS#8, base64: never printed, never in a node's files
 * @param publicKey  X.509, base64: {@code access.publicKey} of door nodes
 */
public record AccessSigningKey(String privateKey, String publicKey) {
    static final String ALGORITHM = "Ed25519";
    private static final byte[] PROBE = "relais access signing key check".getBytes(StandardCharsets.US_ASCII);

    public static AccessSigningKey generate() {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
        Base64.Encoder base64 = Base64.getEncoder();
        return new AccessSigningKey(base64.encodeToString(pair.getPrivate().getEncoded()),
                base64.encodeToString(pair.getPublic().getEncoded()));
    }

    /**
     * What is wrong with a pair read back from the store, or null: each half must decode as an
     * Ed25519 key and the public key must verify what the private key signs (a hand edit that
     * mixed two pairs would otherwise make every door refuse every list). Never quotes a key.
     */
    public static String problem(AccessSigningKey stored) {
        if (stored.privateKey() == null || stored.publicKey() == null) {
            return "its private or public key is missing";
        }
        PrivateKey privateKey;
        PublicKey publicKey;
        try {
            privateKey = stored.decodedPrivateKey();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "its private key is not an Ed25519 key (PKCS#8 in base64)";
        }
        try {
            publicKey = stored.decodedPublicKey();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "its public key is not an Ed25519 key (X.509 in base64)";
        }
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(PROBE);
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return verifier.verify(signer.sign()) ? null : "its public key is not the private key's";
        } catch (GeneralSecurityException e) {
            return "its keys cannot sign and verify (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** @throws IllegalArgumentException if not base64, GeneralSecurityException if not Ed25519 PKCS#8 */
    public PrivateKey decodedPrivateKey() throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(privateKey)));
    }

    /** @throws IllegalArgumentException if not base64, GeneralSecurityException if not Ed25519 X.509 */
    public PublicKey decodedPublicKey() throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(
                Base64.getDecoder().decode(publicKey)));
    }

    /** The private key as OpenSSL and the JDK read it: an unencrypted PKCS#8 {@code PRIVATE KEY} block. */
    public String privateKeyPem() {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(Base64.getDecoder().decode(privateKey));
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    /** Never the private key. */
    @Override
    public String toString() {
        return "AccessSigningKey[publicKey=" + publicKey + "]";
    }
}
