package fr.relais.provisioning.bundle;

import fr.relais.protocol.Ids;
import java.util.Objects;
import java.util.Optional;

/**
 * What one node's bundle holds besides the generated units.
 *
 * <p>The ids become file names, a tar folder and text inside shell and unit files, so they are
 * checked again here even though the inventory loader already refuses bad ones: a {@code /} or
 * {@code ..} would write outside the node's folder or the archive's top folder. The byte arrays
 * are copied, so a caller changing its array later cannot change a bundle being written.
 *
 * @param agentYaml         the edge agent's configuration, installed as /etc/relais/agent.yaml
 * @param caCertificate     the broker's CA certificate (PEM), installed as /etc/relais/ca.crt
 * @param clientCertificate the node's own TLS client certificate (PEM), when the broker asks for one
 * @param clientKey         its private key (PEM); given if and only if the certificate is
 * @param kioskYaml         the kiosk's configuration, installed as /etc/relais/kiosk.yaml, on nodes with a kiosk
 * @param siteBrokerConfig  the site-local broker's mosquitto.conf, on nodes with one (localBroker)
 */
public record BundleInput(String nodeId, String siteId, boolean hasKiosk, byte[] agentYaml, byte[] caCertificate,
                          Optional<byte[]> clientCertificate, Optional<byte[]> clientKey, Optional<byte[]> kioskYaml,
                          Optional<byte[]> siteBrokerConfig) {

    /** A node without a kiosk configuration (none, or one the technician brings) nor site broker. */
    public BundleInput(String nodeId, String siteId, boolean hasKiosk, byte[] agentYaml, byte[] caCertificate,
                       Optional<byte[]> clientCertificate, Optional<byte[]> clientKey) {
        this(nodeId, siteId, hasKiosk, agentYaml, caCertificate, clientCertificate, clientKey, Optional.empty(),
                Optional.empty());
    }

    public BundleInput {
        requireId("node", nodeId);
        requireId("site", siteId);
        agentYaml = Objects.requireNonNull(agentYaml, "agentYaml").clone();
        caCertificate = Objects.requireNonNull(caCertificate, "caCertificate").clone();
        clientCertificate = Objects.requireNonNull(clientCertificate, "clientCertificate").map(byte[]::clone);
        clientKey = Objects.requireNonNull(clientKey, "clientKey").map(byte[]::clone);
        kioskYaml = Objects.requireNonNull(kioskYaml, "kioskYaml").map(byte[]::clone);
        siteBrokerConfig = Objects.requireNonNull(siteBrokerConfig, "siteBrokerConfig").map(byte[]::clone);
        if (clientCertificate.isPresent() != clientKey.isPresent()) {
            throw new IllegalArgumentException("node '" + nodeId + "': a client certificate and its key go together,"
                    + " got " + (clientCertificate.isPresent() ? "a certificate without a key" : "a key without a certificate"));
        }
    }

    private static void requireId(String what, String id) {
        String problem = Ids.problem(id);
        if (problem != null) {
            // Ids.problem names the id itself except when it is empty; say which id either way.
            throw new IllegalArgumentException("invalid " + what + " id " + (id == null ? "null" : "'" + id + "'")
                    + " for a first-boot bundle: " + problem);
        }
    }
}
