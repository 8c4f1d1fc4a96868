package fr.relais.provisioning.bundle;

import java.nio.charset.StandardCharsets;

/**
 * node.conf, what install.sh learns about the node from its bundle: its ids and what it has.
 * Plain KEY=value lines that the installer reads and checks one by one, never runs.
 */
final class NodeConf {
    static final String FILE = "node.conf";

    private NodeConf() {
    }

    static BundleFile of(BundleInput input) {
        String text = "# What install.sh installs on this node, written by \"relais provision render\".\n"
                + "NODE=" + input.nodeId() + "\n"
                + "SITE=" + input.siteId() + "\n"
                + "HAS_KIOSK=" + flag(input.hasKiosk()) + "\n"
                + "HAS_CLIENT_CERTIFICATE=" + flag(input.clientCertificate().isPresent()) + "\n"
                + "HAS_SITE_BROKER=" + flag(input.siteBrokerConfig().isPresent()) + "\n";
        return new BundleFile(FILE, BundleFile.PUBLIC, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String flag(boolean value) {
        return value ? "1" : "0";
    }
}
