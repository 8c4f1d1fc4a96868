package fr.relais.agent.config;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A private CA for tests, as {@code ./relais provision} makes one: issues server and client
 * certificates and writes them as PEM, keys as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}).
 * BouncyCastle is for the tests only; the agent reads these files with the JDK.
 */
public final class TestPki {
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestPki(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A certificate with its key pair. */
    public record Issued(X509Certificate certificate, KeyPair keys) {
        public Path writeCertificate(Path file) {
            return write(file, pem(certificate));
        }

        /** PKCS#8, the format the agent wants. */
        public Path writeKey(Path file) {
            return write(file, pem(new PemObject("PRIVATE KEY", keys.getPrivate().getEncoded())));
        }

        /** The old OpenSSL format ({@code BEGIN EC PRIVATE KEY} / {@code BEGIN RSA PRIVATE KEY}). */
        public Path writeTraditionalKey(Path file) {
            return write(file, pem(keys.getPrivate()));
        }
    }

    public static TestPki authority(String name) {
        KeyPair keys = keyPair("EC");
        X500Name subject = new X500Name("CN=" + name);
        try {
            X509v3CertificateBuilder builder = builder(subject, subject, keys, Instant.now().plus(Duration.ofDays(30)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            return new TestPki(keys, sign(builder, keys));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public Path writeCertificate(Path file) {
        return write(file, pem(certificate));
    }

    /** A broker's certificate naming these hosts (names and IP addresses), with an EC key. */
    public Issued server(String commonName, String... hosts) {
        return issue(commonName, "EC", KeyPurposeId.id_kp_serverAuth, Instant.now().plus(Duration.ofDays(30)), hosts);
    }

    /** A broker's certificate that expired yesterday. */
    public Issued expiredServer(String commonName, String... hosts) {
        return issue(commonName, "EC", KeyPurposeId.id_kp_serverAuth, Instant.now().minus(Duration.ofDays(1)), hosts);
    }

    /** A node's certificate; {@code keyAlgorithm} is {@code EC} or {@code RSA}. */
    public Issued client(String commonName, String keyAlgorithm) {
        return issue(commonName, keyAlgorithm, KeyPurposeId.id_kp_clientAuth, Instant.now().plus(Duration.ofDays(30)));
    }

    private Issued issue(String commonName, String keyAlgorithm, KeyPurposeId purpose, Instant notAfter,
                         String... hosts) {
        KeyPair leaf = keyPair(keyAlgorithm);
        try {
            X509v3CertificateBuilder builder = builder(X500Name.getInstance(
                    certificate.getSubjectX500Principal().getEncoded()), new X500Name("CN=" + commonName), leaf,
                    notAfter);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(certificate));
            if (hosts.length > 0) {
                List<GeneralName> names = new ArrayList<>();
                for (String host : hosts) {
                    boolean ip = host.matches("[0-9.]+");
                    names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, host));
                }
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(new GeneralName[0])));
            }
            return new Issued(sign(builder, keys), leaf);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Valid from ten days ago, as a provisioning tool should do for nodes whose clock lags. */
    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys, Instant notAfter) {
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(Instant.now().minus(Duration.ofDays(10))), Date.from(notAfter), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair keyPair(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize("EC".equals(algorithm) ? 256 : 2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
