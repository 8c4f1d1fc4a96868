package fr.relais.agent.config;

import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code broker.tls}: {@code caFile} (required), {@code certFile} and {@code keyFile}
 * (together or not at all). Relative paths are relative to the folder of {@code agent.yaml}, as
 * {@code storage.file} is. The files are read now, so that a bad one stops the agent at start
 * (or a {@code set-config} is refused) with the field and the file named.
 */
final class TlsBlock {
    private TlsBlock() {
    }

    static TlsSettings read(StrictObject tls, Path baseDir) throws FieldException {
        Path caFile = ConfigPaths.resolve(baseDir, tls.field("caFile"), tls.text("caFile"));
        List<X509Certificate> authorities = PemFiles.certificates(tls.field("caFile"), caFile);
        Optional<String> certFile = tls.optionalText("certFile");
        Optional<String> keyFile = tls.optionalText("keyFile");
        if (certFile.isPresent() != keyFile.isPresent()) {
            String missing = certFile.isPresent() ? "keyFile" : "certFile";
            String given = certFile.isPresent() ? "certFile" : "keyFile";
            throw new FieldException(tls.field(missing), "is required when " + given
                    + " is given: a client certificate needs its private key, and the key its certificate");
        }
        Optional<TlsSettings.ClientIdentity> client = Optional.empty();
        if (certFile.isPresent()) {
            Path certPath = ConfigPaths.resolve(baseDir, tls.field("certFile"), certFile.get());
            Path keyPath = ConfigPaths.resolve(baseDir, tls.field("keyFile"), keyFile.get());
            List<X509Certificate> chain = PemFiles.certificates(tls.field("certFile"), certPath);
            PrivateKey key = PemFiles.privateKey(tls.field("keyFile"), keyPath);
            PemFiles.checkPair(tls.field("keyFile"), keyPath, key, certPath, chain.get(0));
            client = Optional.of(new TlsSettings.ClientIdentity(certPath, keyPath, chain, key));
        }
        tls.finish();
        return new TlsSettings(caFile, authorities, client);
    }
}
