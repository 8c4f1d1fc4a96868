package fr.relais.provisioning.deploy;

import fr.relais.provisioning.bundle.BundleInput;
import fr.relais.provisioning.bundle.NodeBundle;
import fr.relais.provisioning.inventory.BrokerSpec;
import fr.relais.provisioning.inventory.Node;
import fr.relais.provisioning.inventory.NodeAuth;
import fr.relais.provisioning.inventory.Site;
import fr.relais.provisioning.pki.CertificateAuthority;
import fr.relais.provisioning.pki.IssuedCertificate;
import fr.relais.provisioning.render.AgentConfigCheck;
import fr.relais.provisioning.render.DriverMode;
import fr.relais.provisioning.render.GeneratedFile;
import fr.relais.provisioning.render.NodeAgentConfig;
import fr.relais.provisioning.render.NodeKioskConfig;
import fr.relais.provisioning.render.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One node's folder: its {@code agent.yaml} with its own credentials, the CA, its client
 * certificate when it uses one, its site-local broker when it has one, and the first-boot bundle
 * that carries all of it to the Pi.
 */
final class NodeFiles {
    /** The site-local broker listens here on the Pi: 1883 is Debian's own mosquitto service's (as on the central). */
    static final int SITE_BROKER_PORT = 1884;
    static final String SITE_BROKER_DIR = "site-broker";

    private final CertificateAuthority ca;
    private final BrokerSpec broker;
    private final DriverMode drivers;

    NodeFiles(CertificateAuthority ca, BrokerSpec broker, DriverMode drivers) {
        this.ca = ca;
        this.broker = broker;
        this.drivers = drivers;
    }

    /**
     * @param badgeKey the site's badge hash key, the same for every node of the site
     * @param accessPublicKey the hub's access-list key (X.509, base64), rendered if the site has a door
     * @return the serial of the node's client certificate, when it uses one
     */
    Optional<java.math.BigInteger> write(Path dir, Site site, Node node, Credential credential, String badgeKey,
                                     String accessPublicKey) throws IOException {
        Files.createDirectories(dir);
        byte[] caCertificate = Files.readAllBytes(ca.certificateFile());
        GeneratedFile.write(dir.resolve(NodeAgentConfig.CA_FILE), caCertificate, "rw-r--r--");
        Optional<byte[]> clientCertificate = Optional.empty();
        Optional<byte[]> clientKey = Optional.empty();
        Optional<java.math.BigInteger> serial = Optional.empty();
        NodeAgentConfig.Connection connection;
        Optional<byte[]> siteBroker = Optional.empty();
        if (node.auth() == NodeAuth.CERTIFICATE) {
            IssuedCertificate issued = ca.clientCertificate(dir, "client", credential.username());
            serial = Optional.of(CertificateAuthority.serialOf(issued.certificateFile()));
            clientCertificate = Optional.of(Files.readAllBytes(issued.certificateFile()));
            clientKey = Optional.of(Files.readAllBytes(issued.keyFile()));
            connection = new NodeAgentConfig.Connection("ssl://" + broker.host() + ":" + broker.certificatePort(),
                    Optional.empty(), Optional.empty(), true, true);
        } else if (node.localBroker()) {
            // The agent talks to the broker on its own Pi, which forwards to the central one.
            connection = new NodeAgentConfig.Connection("tcp://127.0.0.1:" + SITE_BROKER_PORT, Optional.empty(),
                    Optional.empty(), false, false);
            siteBroker = Optional.of(writeSiteBroker(dir.resolve(SITE_BROKER_DIR), site, node, credential));
        } else {
            connection = new NodeAgentConfig.Connection("ssl://" + broker.host() + ":" + broker.tlsPort(),
                    Optional.of(credential.username()), Optional.of(credential.password()), true, false);
        }
        String agentText = NodeAgentConfig.render(site, node, connection,
                new NodeAgentConfig.SiteKeys(badgeKey, accessPublicKey), drivers);
        // The CA and client certificate are in place: the agent reads this very file as it would on the Pi.
        AgentConfigCheck.verify(agentText, dir);
        byte[] agentYaml = agentText.getBytes(StandardCharsets.UTF_8);
        GeneratedFile.write(dir.resolve(NodeAgentConfig.FILE), agentYaml, "rw-------");
        Optional<byte[]> kioskYaml = Optional.empty();
        if (node.hasKiosk()) {
            kioskYaml = Optional.of(NodeKioskConfig.render(site).getBytes(StandardCharsets.UTF_8));
            GeneratedFile.write(dir.resolve(NodeKioskConfig.FILE), kioskYaml.get(), "rw-r--r--");
        }
        removeWhatNoLongerApplies(dir, node);
        NodeBundle.write(dir, new BundleInput(node.id(), site.id(), node.hasKiosk(), agentYaml, caCertificate,
                clientCertificate, clientKey, kioskYaml, siteBroker));
        return serial;
    }

    /**
     * A node that changed (password instead of certificate, no more site broker or kiosk) must
     * not keep files of what it was: an old client certificate would still open the certificate
     * listener under its username, an old site broker file still holds its password.
     */
    private static void removeWhatNoLongerApplies(Path dir, Node node) throws IOException {
        if (node.auth() != NodeAuth.CERTIFICATE) {
            Files.deleteIfExists(dir.resolve("client.crt"));
            Files.deleteIfExists(dir.resolve("client.key"));
        }
        if (!node.localBroker()) {
            Files.deleteIfExists(dir.resolve(SITE_BROKER_DIR).resolve("mosquitto.conf"));
            Files.deleteIfExists(dir.resolve(SITE_BROKER_DIR));
            Files.deleteIfExists(dir.resolve("relais-site-broker.service"));
        }
        if (!node.hasKiosk()) {
            Files.deleteIfExists(dir.resolve(NodeKioskConfig.FILE));
            Files.deleteIfExists(dir.resolve("relais-kiosk.service"));
        }
    }

    /** @return the configuration written, for the bundle */
    private byte[] writeSiteBroker(Path dir, Site site, Node node, Credential credential) throws IOException {
        String config = Template.resource("broker/site-bridge.conf.template").fill(Map.of(
                "site", site.id(),
                "node", node.id(),
                "local_port", Integer.toString(SITE_BROKER_PORT),
                "central_host", broker.host(),
                "central_tls_port", Integer.toString(broker.tlsPort()),
                "ca_file", "/etc/relais-site-broker/" + NodeAgentConfig.CA_FILE,
                "bridge_username", credential.username(),
                "bridge_password", credential.password(),
                "persistence_dir", "/var/lib/relais-site-broker/"));
        byte[] bytes = config.getBytes(StandardCharsets.UTF_8);
        // It holds the node's password: owner only, like agent.yaml.
        GeneratedFile.write(dir.resolve("mosquitto.conf"), bytes, "rw-------");
        return bytes;
    }
}
