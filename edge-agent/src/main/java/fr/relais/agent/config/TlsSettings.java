package fr.relais.agent.config;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code broker.tls} block, read and parsed when the configuration is loaded: a file that is
 * missing or not what it claims stops the agent then, naming the field, instead of failing every
 * connection attempt later. Holds JDK types only; the uplink turns them into a socket factory.
 *
 * @param caFile      where the authorities came from, for messages
 * @param authorities the deployment's private CA (one or more certificates): the only trust
 *                    anchors, the JVM's public CAs are not consulted
 * @param client      the node's own certificate, when the broker authenticates nodes by certificate
 */
public record TlsSettings(Path caFile, List<X509Certificate> authorities, Optional<ClientIdentity> client) {

    public TlsSettings {
        Objects.requireNonNull(caFile, "caFile");
        authorities = List.copyOf(authorities);
        if (authorities.isEmpty()) {
            throw new IllegalArgumentException("at least one CA certificate is needed");
        }
        Objects.requireNonNull(client, "client");
    }

    /** Names the files and the CA, never the key: a configuration is logged whole. */
    @Override
    public String toString() {
        return "TlsSettings[caFile=" + caFile + " (" + authorities.get(0).getSubjectX500Principal().getName()
                + (authorities.size() > 1 ? " and " + (authorities.size() - 1) + " more" : "") + ")"
                + ", client=" + client.map(ClientIdentity::toString).orElse("(none)") + "]";
    }

    /**
     * A client certificate and its private key (PKCS#8, EC or RSA), checked to belong together.
     *
     * @param chain the node's certificate first, then any intermediates from the same file
     */
    public record ClientIdentity(Path certFile, Path keyFile, List<X509Certificate> chain, PrivateKey key) {

        public ClientIdentity {
            Objects.requireNonNull(certFile, "certFile");
            Objects.requireNonNull(keyFile, "keyFile");
            chain = List.copyOf(chain);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("a client certificate is needed");
            }
            Objects.requireNonNull(key, "key");
        }

        public X509Certificate certificate() {
            return chain.get(0);
        }

        /** The key's own {@code toString} is the JVM's choice (some printed an RSA key's private exponent). */
        @Override
        public String toString() {
            return "ClientIdentity[certFile=" + certFile + " (" + certificate().getSubjectX500Principal().getName()
                    + "), keyFile=" + keyFile + " (" + key.getAlgorithm() + " key, not shown)]";
        }
    }
}
