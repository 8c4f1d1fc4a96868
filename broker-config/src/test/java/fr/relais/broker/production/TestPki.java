package fr.relais.broker.production;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for one test: the CA, the central broker's certificate
 * (valid for localhost and 127.0.0.1) as PEM files mosquitto reads, client certificates, and
 * Java TLS factories that trust this CA and nothing else.
 */
final class TestPki {
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final Path caFile;
    private final Path certFile;
    private final Path keyFile;

    private TestPki(KeyPair caKeys, X509Certificate ca, Path caFile, Path certFile, Path keyFile) {
        this.caKeys = caKeys;
        this.ca = ca;
        this.caFile = caFile;
        this.certFile = certFile;
        this.keyFile = keyFile;
    }

    static TestPki create(Path dir) {
        try {
            Files.createDirectories(dir);
            KeyPair caKeys = newKeys();
            X509Certificate ca = sign(caKeys, new X500Name("CN=Relais test CA"), caKeys.getPublic(),
                    new X500Name("CN=Relais test CA"), true, null);
            KeyPair serverKeys = newKeys();
            GeneralNames names = new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")});
            X509Certificate server = sign(caKeys, new X500Name("CN=Relais test CA"), serverKeys.getPublic(),
                    new X500Name("CN=localhost"), false, names);
            return new TestPki(caKeys, ca, writePem(dir.resolve("ca.crt"), ca),
                    writePem(dir.resolve("server.crt"), server), writePem(dir.resolve("server.key"),
                    new JcaPKCS8Generator(serverKeys.getPrivate(), null)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the test certificates", e);
        }
    }

    Path caFile() {
        return caFile;
    }

    Path certFile() {
        return certFile;
    }

    Path keyFile() {
        return keyFile;
    }

    /** TLS that trusts the test CA only (not the JDK's public roots), without a client certificate. */
    SSLSocketFactory trustingOnlyCa() {
        return context(null).getSocketFactory();
    }

    /** TLS that trusts the test CA only and presents a client certificate whose CN is {@code commonName}. */
    SSLSocketFactory withClientCertificate(String commonName) {
        try {
            KeyPair keys = newKeys();
            X509Certificate cert = sign(caKeys, new X500Name("CN=Relais test CA"), keys.getPublic(),
                    new X500Name("CN=" + commonName), false, null);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", keys.getPrivate(), new char[0], new X509Certificate[] {cert, ca});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(store, new char[0]);
            return context(keyManagers).getSocketFactory();
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a client certificate", e);
        }
    }

    private SSLContext context(KeyManagerFactory keyManagers) {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("relais-test-ca", ca);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLSv1.2");
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trust.getTrustManagers(),
                    new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a TLS context", e);
        }
    }

    private static KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(KeyPair issuerKeys, X500Name issuer, PublicKey subjectKey,
            X500Name subject, boolean authority, GeneralNames altNames)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))), subject, subjectKey);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
        builder.addExtension(Extension.keyUsage, true, authority
                ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        if (altNames != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, altNames);
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    /** A revocation list of this CA that revokes nothing, for the certificate listener's crlfile. */
    Path emptyRevocationList(Path file) {
        try {
            org.bouncycastle.cert.X509v2CRLBuilder builder = new org.bouncycastle.cert.X509v2CRLBuilder(
                    X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), Date.from(Instant.now().minusSeconds(60)));
            builder.setNextUpdate(ca.getNotAfter());
            return writePem(file, new org.bouncycastle.cert.jcajce.JcaX509CRLConverter().getCRL(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate()))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the test revocation list", e);
        }
    }

    /** PEM as OpenSSL reads it; private keys in PKCS#8 ("PRIVATE KEY"). */
    private static Path writePem(Path file, Object object) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        }
        return file;
    }
}
