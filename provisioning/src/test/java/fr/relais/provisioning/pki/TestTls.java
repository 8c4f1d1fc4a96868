package fr.relais.provisioning.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS socket factories as a node would build them, with the JDK alone (no BouncyCastle, no
 * {@link Pem}): so the tests also prove that plain JDK code reads the files the CA writes.
 */
public final class TestTls {
    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    private TestTls() {
    }

    /** Trusts only the certificate in {@code caFile}; presents no client certificate. */
    public static SSLSocketFactory trusting(Path caFile) throws IOException, GeneralSecurityException {
        return context(caFile, null).getSocketFactory();
    }

    /**
     * Trusts only {@code caFile} and presents {@code certificateFile} with {@code keyFile}, alone:
     * the broker knows the CA from its own {@code cafile}.
     */
    public static SSLSocketFactory presenting(Path caFile, Path certificateFile, Path keyFile)
            throws IOException, GeneralSecurityException {
        KeyStore keys = emptyStore();
        keys.setKeyEntry("client", privateKey(keyFile), IN_MEMORY,
                new Certificate[] {certificate(certificateFile)});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, IN_MEMORY);
        return context(caFile, factory.getKeyManagers()).getSocketFactory();
    }

    /** The JVM's default trust store (public CAs), which knows nothing of ours. */
    public static SSLSocketFactory jvmDefault() throws GeneralSecurityException {
        return SSLContext.getDefault().getSocketFactory();
    }

    static X509Certificate certificate(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        if (!pem.startsWith("-----BEGIN PRIVATE KEY-----\n")) {
            throw new IllegalArgumentException(file + " is not a PKCS#8 PEM key");
        }
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    private static SSLContext context(Path caFile, KeyManager[] keyManagers) throws IOException, GeneralSecurityException {
        KeyStore trusted = emptyStore();
        trusted.setCertificateEntry("relais-ca", certificate(caFile));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore emptyStore() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }
}
