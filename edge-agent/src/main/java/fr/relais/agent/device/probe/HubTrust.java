package fr.relais.agent.device.probe;

import fr.relais.protocol.json.FieldException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Which certificates the probe's HTTPS requests trust: the machine's usual authorities, or only
 * those of a PEM file ({@code caFile}) when the hub's certificate comes from the community's own
 * authority. Either way a certificate that does not check out is reported as such, never ignored:
 * a probe that trusted anything would measure an impostor's answer as the hub's.
 */
public record HubTrust(List<Certificate> authorities) {
    private static final long MAX_FILE_BYTES = 1024 * 1024;

    public HubTrust {
        authorities = List.copyOf(authorities);
    }

    /** The machine's usual authorities. */
    public static HubTrust system() {
        return new HubTrust(List.of());
    }

    static HubTrust read(String field, Optional<String> file) throws FieldException {
        if (file.isEmpty()) {
            return system();
        }
        Path path = Path.of(file.get());
        if (!path.isAbsolute()) {
            throw new FieldException(field, "'" + file.get() + "' must be an absolute path");
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new FieldException(field, path + " is larger than 1 MB: not a CA certificate");
            }
            List<Certificate> certificates = List.copyOf(CertificateFactory.getInstance("X.509")
                    .generateCertificates(new java.io.ByteArrayInputStream(bytes)));
            if (certificates.isEmpty()) {
                throw new FieldException(field, path + " holds no PEM certificate");
            }
            return new HubTrust(certificates);
        } catch (IOException e) {
            throw new FieldException(field, "cannot read " + path + ": " + e.getMessage());
        } catch (CertificateException e) {
            throw new FieldException(field, path + " is not a PEM certificate: " + e.getMessage());
        }
    }

    /** The TLS context of the probe's requests. */
    SSLContext sslContext() {
        try {
            if (authorities.isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                store.setCertificateEntry("authority-" + i, authorities.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS for the probe: " + e.getMessage(), e);
        }
    }
}
