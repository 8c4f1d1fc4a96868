package fr.relais.provisioning.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and private keys in PEM, the form mosquitto (OpenSSL) and the JDK both read:
 * certificates as {@code CERTIFICATE}, keys as unencrypted PKCS#8 {@code PRIVATE KEY}. Only the
 * JDK is used here, so whatever this class reads, plain JDK code on a node can read too.
 */
final class Pem {
    static final String CERTIFICATE = "CERTIFICATE";
    static final String PRIVATE_KEY = "PRIVATE KEY";

    private Pem() {
    }

    static void writeCertificate(Path file, X509Certificate certificate) {
        try {
            OwnerOnlyFiles.write(file, encode(CERTIFICATE, certificate.getEncoded()), false);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("Cannot encode the certificate for " + file, e);
        }
    }

    /** Always 0600: a node's key is its identity on the broker. */
    static void writePrivateKey(Path file, PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("Expected a PKCS#8 key, got " + key.getFormat());
        }
        OwnerOnlyFiles.write(file, encode(PRIVATE_KEY, key.getEncoded()), true);
    }

    /** @throws IllegalArgumentException naming the file when it holds no readable certificate */
    static X509Certificate readCertificate(Path file) {
        byte[] der = decode(read(file), CERTIFICATE, file);
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + " does not hold a valid X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** An EC key (the only kind this CA makes). @throws IllegalArgumentException naming the file otherwise */
    static PrivateKey readPrivateKey(Path file) {
        byte[] der = decode(read(file), PRIVATE_KEY, file);
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " does not hold a PKCS#8 EC private key: " + e.getMessage(), e);
        }
    }

    static byte[] encode(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The DER of the first {@code type} block in {@code text}. */
    static byte[] decode(String text, String type, Path source) {
        Pattern block = Pattern.compile("-----BEGIN " + Pattern.quote(type) + "-----(.*?)-----END "
                + Pattern.quote(type) + "-----", Pattern.DOTALL);
        Matcher matcher = block.matcher(text);
        if (!matcher.find()) {
            throw new IllegalArgumentException(source + " holds no PEM block '-----BEGIN " + type + "-----'");
        }
        try {
            return Base64.getMimeDecoder().decode(matcher.group(1).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": the " + type + " PEM block is not valid base64", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException(file + " is not a PEM file (it holds non-ASCII bytes)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
