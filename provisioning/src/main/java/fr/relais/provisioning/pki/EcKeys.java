package fr.relais.provisioning.pki;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/**
 * EC P-256 keys from the JDK's own provider: small enough for a Raspberry Pi to handshake fast,
 * supported by every OpenSSL a node or broker will run.
 */
final class EcKeys {
    static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final byte[] CHALLENGE = "relais: does this key belong to this certificate?"
            .getBytes(StandardCharsets.US_ASCII);

    private EcKeys() {
    }

    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot generate EC P-256 keys", e);
        }
    }

    /**
     * Whether {@code privateKey} is the other half of {@code publicKey}: sign with one, check with
     * the other (the JDK cannot derive an EC public key from the private one).
     */
    static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        try {
            Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
            signer.initSign(privateKey);
            signer.update(CHALLENGE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(CHALLENGE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // a key of another kind or curve: not a pair either
        }
    }
}
