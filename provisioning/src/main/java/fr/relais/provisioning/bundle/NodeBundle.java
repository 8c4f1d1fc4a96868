package fr.relais.provisioning.bundle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A node's systemd units and its first-boot bundle: the tar.gz a technician copies to the Pi,
 * extracts and installs with {@code sudo ./install.sh}. The units and the installer are the
 * files of edge-agent/packaging, unchanged; they are also written beside the archive, so a
 * reviewer reads them without extracting anything.
 */
public final class NodeBundle {
    private NodeBundle() {
    }

    /**
     * Writes into nodeDir: relais-agent.service, relais-kiosk.service (only if hasKiosk),
     * relais-site-broker.service (only with a site broker), install.sh (0755), and
     * relais-&lt;node&gt;-firstboot.tar.gz holding, under a top folder relais-&lt;node&gt;/: those files, the rest
     * of edge-agent/packaging (the agent's retry timer, JVM options, udev and polkit rules, and with a
     * kiosk the screen switch relais-screen and its unit relais-screen@.service), node.conf
     * saying what the node has, agent.yaml (0600), ca.crt (0644), client.crt/client.key (0644/0600, if
     * given), kiosk.yaml and site-broker.conf (if given) and a short README.txt saying how to use it.
     * Writing again with the same input gives byte-identical files.
     *
     * @return the files written (relative to nodeDir), in a stable order: the units, install.sh, the archive
     */
    public static List<Path> write(Path nodeDir, BundleInput input) throws IOException {
        Objects.requireNonNull(nodeDir, "nodeDir");
        Objects.requireNonNull(input, "input");

        List<BundleFile> besideArchive = new ArrayList<>();
        besideArchive.add(NodePackaging.file(NodePackaging.AGENT_UNIT));
        if (input.hasKiosk()) {
            besideArchive.add(NodePackaging.file(NodePackaging.KIOSK_UNIT));
        }
        if (input.siteBrokerConfig().isPresent()) {
            besideArchive.add(NodePackaging.file(NodePackaging.SITE_BROKER_UNIT));
        }
        besideArchive.add(NodePackaging.file(NodePackaging.INSTALLER));

        List<BundleFile> inArchive = new ArrayList<>(besideArchive);
        NodePackaging.COMMON.forEach(name -> inArchive.add(NodePackaging.file(name)));
        if (input.hasKiosk()) {
            NodePackaging.KIOSK.forEach(name -> inArchive.add(NodePackaging.file(name)));
        }
        inArchive.add(NodeConf.of(input));
        inArchive.add(new BundleFile(BundleTemplates.README, BundleFile.PUBLIC,
                BundleTemplates.forNode(input).render(BundleTemplates.README)));
        // The agent's configuration holds its MQTT password: readable by its owner only.
        inArchive.add(new BundleFile("agent.yaml", BundleFile.SECRET, input.agentYaml()));
        inArchive.add(new BundleFile("ca.crt", BundleFile.PUBLIC, input.caCertificate()));
        input.clientCertificate().ifPresent(certificate ->
                inArchive.add(new BundleFile("client.crt", BundleFile.PUBLIC, certificate)));
        input.clientKey().ifPresent(key -> inArchive.add(new BundleFile("client.key", BundleFile.SECRET, key)));
        input.kioskYaml().ifPresent(kiosk -> inArchive.add(new BundleFile("kiosk.yaml", BundleFile.PUBLIC, kiosk)));
        // It holds the node's password, for the bridge.
        input.siteBrokerConfig().ifPresent(config ->
                inArchive.add(new BundleFile("site-broker.conf", BundleFile.SECRET, config)));

        List<Path> written = new ArrayList<>();
        for (BundleFile file : besideArchive) {
            written.add(BundleWriter.write(nodeDir, file));
        }
        String top = topFolder(input.nodeId());
        // 0600 like the secrets it carries: the node's MQTT password and TLS key.
        BundleFile archive = new BundleFile(top + "-firstboot.tar.gz", BundleFile.SECRET,
                FirstBootArchive.build(top, inArchive));
        written.add(BundleWriter.write(nodeDir, archive));
        return List.copyOf(written);
    }

    /** The archive's top folder, also the start of its name: relais-&lt;node&gt;. */
    static String topFolder(String nodeId) {
        return "relais-" + nodeId;
    }
}
