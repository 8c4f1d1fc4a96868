package fr.relais.agent.config;

import fr.relais.protocol.json.FieldException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files of {@code broker.tls} with the JDK alone (no BouncyCastle on the Pi).
 * Every problem is a {@link FieldException} naming the field and the file, in words a technician
 * can act on: a file missing, unreadable, not PEM, in an old key format, or a key that does not
 * belong to its certificate.
 */
final class PemFiles {
    /** Certificates and keys are a few kilobytes; a big file is something else given by mistake. */
    private static final long MAX_BYTES = 1024 * 1024;
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");
    private static final String CERTIFICATE = "CERTIFICATE";
    private static final String PKCS8_KEY = "PRIVATE KEY";
    /** PKCS#8 carries its algorithm; these are the ones a TLS client certificate uses. */
    private static final List<String> KEY_ALGORITHMS = List.of("EC", "RSA");

    private PemFiles() {
    }

    /** Every certificate of a PEM file (a CA bundle, or a certificate followed by its chain). */
    static List<X509Certificate> certificates(String field, Path file) throws FieldException {
        String text = read(field, file);
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            if (!CERTIFICATE.equals(block.group(1))) {
                continue;
            }
            try {
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                certificates.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(decode(field, file, block.group(2)))));
            } catch (CertificateException e) {
                throw new FieldException(field, file + " holds a damaged certificate: " + e.getMessage());
            }
        }
        if (certificates.isEmpty()) {
            throw new FieldException(field, file + " is not a PEM certificate (no -----BEGIN CERTIFICATE----- block)");
        }
        return certificates;
    }

    /** An unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}), EC or RSA. */
    static PrivateKey privateKey(String field, Path file) throws FieldException {
        String text = read(field, file);
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            String type = block.group(1);
            if (PKCS8_KEY.equals(type)) {
                return parseKey(field, file, decode(field, file, block.group(2)));
            }
            if ("ENCRYPTED PRIVATE KEY".equals(type)) {
                throw new FieldException(field, file + " is encrypted; the agent needs an unencrypted key"
                        + " (openssl pkcs8 -topk8 -nocrypt), readable by the agent's user only");
            }
            if ("EC PRIVATE KEY".equals(type) || "RSA PRIVATE KEY".equals(type)) {
                throw new FieldException(field, file + " holds a " + type + " in the old format; convert it to"
                        + " PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in " + file.getFileName() + " -out new.key");
            }
        }
        throw new FieldException(field, file + " is not a PEM private key (no -----BEGIN PRIVATE KEY----- block)");
    }

    /**
     * Proves that the key belongs to the certificate by signing with one and verifying with the
     * other: a mismatch would otherwise surface as an obscure handshake failure at each attempt.
     */
    static void checkPair(String keyField, Path keyFile, PrivateKey key, Path certFile, X509Certificate certificate)
            throws FieldException {
        String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        boolean matches;
        try {
            byte[] challenge = "relais key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // An RSA key against an EC certificate, say: not a pair either.
            matches = false;
        }
        if (!matches) {
            throw new FieldException(keyField, keyFile + " is not the key of the certificate in " + certFile);
        }
    }

    private static PrivateKey parseKey(String field, Path file, byte[] der) throws FieldException {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException notThisOne) {
                // Try the next algorithm; the JDK says only "invalid key" either way.
            }
        }
        throw new FieldException(field, file + " is not an EC or RSA private key");
    }

    private static byte[] decode(String field, Path file, String base64) throws FieldException {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new FieldException(field, file + " holds a damaged PEM block: " + e.getMessage());
        }
    }

    private static String read(String field, Path file) throws FieldException {
        try {
            if (Files.isDirectory(file)) {
                throw new FieldException(field, file + " is a folder, not a file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new FieldException(field, file + " is larger than 1 MB: not a certificate or a key");
            }
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new FieldException(field, file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new FieldException(field, file + " cannot be read by this user (" + System.getProperty("user.name")
                    + "): permission denied");
        } catch (IOException e) {
            throw new FieldException(field, file + " cannot be read: " + e);
        }
    }
}
