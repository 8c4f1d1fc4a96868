package fr.relais.provisioning.inventory;

import java.util.List;
import java.util.Objects;

/**
 * The central broker as the nodes see it: the name they dial, which its TLS certificate must
 * carry, and its ports. Not a secret: passwords and keys never live in the inventory.
 *
 * @param host            the DNS name the Pis connect to (first name of the server certificate)
 * @param extraNames      other names or addresses the certificate must also carry
 * @param tlsPort         the TLS listener for the sites (password authentication)
 * @param certificatePort the TLS listener for nodes that authenticate with a client certificate
 * @param localPort       the plain listener on 127.0.0.1 for the hub on the same machine; not
 *                        1883, which Debian's own mosquitto service takes on a fresh install
 */
public record BrokerSpec(String host, List<String> extraNames, int tlsPort, int certificatePort, int localPort) {
    public static final int DEFAULT_TLS_PORT = 8883;
    public static final int DEFAULT_CERTIFICATE_PORT = 8884;
    public static final int DEFAULT_LOCAL_PORT = 1884;

    public BrokerSpec {
        Objects.requireNonNull(host, "host");
        extraNames = List.copyOf(extraNames);
    }

    /** Every name of the server certificate: the host first. */
    public List<String> certificateNames() {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        names.add(host);
        names.addAll(extraNames);
        return List.copyOf(names);
    }
}
