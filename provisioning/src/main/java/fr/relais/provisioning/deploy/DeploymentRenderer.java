package fr.relais.provisioning.deploy;

import fr.relais.provisioning.inventory.BrokerSpec;
import fr.relais.provisioning.inventory.Inventory;
import fr.relais.provisioning.inventory.Node;
import fr.relais.provisioning.inventory.NodeAuth;
import fr.relais.provisioning.inventory.Site;
import fr.relais.provisioning.pki.CertificateAuthority;
import fr.relais.provisioning.render.AccessControlList;
import fr.relais.provisioning.render.DriverMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns the inventory and the deployment's secrets into every file of the deployment folder.
 * The same inventory and secrets give the same bytes; the only things that change the output
 * without a change of input are a rotation's overlap ending and a certificate nearing its end.
 */
public final class DeploymentRenderer {
    private final DeploymentLayout layout;
    private final Optional<Path> brokerDirGiven;
    private final Clock clock;
    private final DriverMode drivers;

    /** What a render did, one line per fact, for the console. */
    public record Outcome(List<String> lines, Path brokerDir, boolean brokerConfigChanged) {
    }

    /**
     * @param brokerDirGiven where the broker folder will live on the broker machine, if said on
     *                       this command line; otherwise as said last time, or the folder itself
     * @param drivers        the inventory's drivers, or every device simulated ({@code --simulated})
     */
    public DeploymentRenderer(DeploymentLayout layout, Optional<Path> brokerDirGiven, Clock clock, DriverMode drivers) {
        this.layout = layout;
        this.brokerDirGiven = brokerDirGiven;
        this.clock = clock;
        this.drivers = drivers;
    }

    public Outcome render(Inventory inventory) throws DeploymentException, IOException {
        return render(inventory, store -> { });
    }

    /**
     * Changes the secrets ({@code rotate}, {@code revoke}), saves them, then renders from them.
     * The secrets are saved before any file is written, so a file never holds a password the
     * store does not have, even if writing stops half-way.
     */
    public Outcome render(Inventory inventory, SecretChange change) throws DeploymentException, IOException {
        BrokerSpec broker = inventory.broker().orElseThrow(() -> new DeploymentException(
                "the inventory has no 'broker:' section: render needs at least broker.host, the name the Pis dial"));
        Instant now = clock.instant();
        List<String> lines = new ArrayList<>();
        Deployment deployment = Deployment.open(layout, inventory.territory(), now, lines);
        SecretStore store = deployment.secrets();
        change.apply(store);
        store.prune(now);
        Set<String> inventoryNodes = new HashSet<>();
        inventory.sites().forEach(site -> site.nodes().forEach(node -> inventoryNodes.add(node.id())));
        store.retireAllBut(inventoryNodes, now);
        inventoryNodes.forEach(node -> store.node(node, now));
        inventory.sites().forEach(site -> store.badgeKey(site.id()));
        String accessPublicKey = store.accessSigningKey().publicKey();
        brokerDirGiven.ifPresent(dir -> store.brokerDir(dir.toString()));
        Path brokerDir = store.brokerDir() != null ? Path.of(store.brokerDir()) : layout.broker();
        store.save();

        List<AccessControlList.NodeAccess> access = new ArrayList<>();
        PasswordFile passwd = new PasswordFile();
        store.hubCredentials(now).forEach(passwd::add);
        NodeFiles nodeFiles = new NodeFiles(deployment.ca(), broker, drivers);
        Set<String> kept = new HashSet<>();
        boolean certificateNodes = false;
        Set<String> certificatesInUse = new HashSet<>();
        for (Site site : inventory.sites()) {
            for (Node node : site.nodes()) {
                NodeIdentity identity = store.node(node.id(), now);
                if (identity.revoked()) {
                    lines.add(node.id() + ": revoked on " + identity.revokedAt()
                            + ", no credentials (rotate it to let it back in, or remove it from the inventory)");
                    continue;
                }
                List<Credential> valid = identity.valid(now);
                access.add(new AccessControlList.NodeAccess(site.id(), node.id(),
                        valid.stream().map(Credential::username).toList()));
                if (node.auth() == NodeAuth.PASSWORD) {
                    valid.forEach(passwd::add);
                } else {
                    certificateNodes = true;
                    valid.forEach(credential -> certificatesInUse.add(credential.username()));
                }
                nodeFiles.write(layout.node(node.id()), site, node, identity.current(), store.badgeKey(site.id()),
                        accessPublicKey)
                        .ifPresent(serial -> store.recordCertificate(node.id(), identity.current().username(), serial));
                kept.add(node.id());
                lines.add(node.id() + ": nodes/" + node.id() + "/ as " + identity.current().username()
                        + (valid.size() > 1 ? " (and " + (valid.size() - 1) + " older credential(s) until "
                        + valid.get(0).expiresAt() + ")" : "") + ", " + node.auth().wire()
                        + (node.localBroker() ? ", site broker" : "") + simulatedDevices(node));
            }
        }
        String acl = AccessControlList.render(store.hubCredentials(now).stream().map(Credential::username).toList(),
                access);
        BrokerFiles brokerFiles = new BrokerFiles(layout.broker(), brokerDir, new ServiceAccounts());
        lines.addAll(brokerFiles.write(broker, deployment.ca(), passwd.text(), acl,
                certificateNodes ? Optional.of(store.revokedCertificates(certificatesInUse)) : Optional.empty()));
        store.save();
        lines.add("broker: broker/ (mosquitto.conf, passwd, acl, certificates, relais-broker.service), for "
                + brokerDir + " on the broker machine");
        if (brokerFiles.configChanged()) {
            lines.add("broker: mosquitto.conf changed: copy it too and restart the broker (a reload does not"
                    + " open or close listeners)");
        }
        new HubFiles(layout.hub()).write(broker, store);
        lines.add("hub: hub/ (hub.env, " + HubFiles.ACCESS_SIGNING_KEY + ", relais-hub.service)");
        removeLeftNodes(kept, lines);
        return new Outcome(lines, brokerDir, brokerFiles.configChanged());
    }

    /** Says which devices will report made-up figures: a technician must not take them for real ones. */
    private String simulatedDevices(Node node) {
        if (node.devices().isEmpty()) {
            return "";
        }
        if (drivers == DriverMode.SIMULATED) {
            return ", every device simulated (--simulated)";
        }
        long simulated = node.devices().stream().filter(device -> device.setup().simulated()).count();
        return simulated == 0 ? "" : ", " + simulated + " of " + node.devices().size()
                + " devices simulated (no driver in the inventory)";
    }

    /** A folder of a node that left the inventory or was revoked holds a password that no longer works. */
    private void removeLeftNodes(Set<String> kept, List<String> lines) throws IOException {
        if (!Files.isDirectory(layout.nodes())) {
            return;
        }
        try (Stream<Path> folders = Files.list(layout.nodes())) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                String id = folder.getFileName().toString();
                if (!kept.contains(id)) {
                    deleteTree(folder);
                    lines.add(id + ": nodes/" + id + "/ removed (no longer in the inventory, or revoked)");
                }
            }
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** A change made to the secrets before rendering. */
    @FunctionalInterface
    public interface SecretChange {
        void apply(SecretStore store) throws DeploymentException;
    }
}
