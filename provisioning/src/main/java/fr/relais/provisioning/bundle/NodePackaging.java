package fr.relais.provisioning.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The files of edge-agent/packaging/, which the build copies into this jar unchanged: the one
 * installer and the units it installs, the agent's JVM options, its udev and polkit rules. A
 * bundle carries them as they are, so a node installed from a bundle and one installed by hand
 * from edge-agent/packaging run the same files; what differs per node is only node.conf and the
 * node's own configuration and secrets.
 */
final class NodePackaging {
    static final String INSTALLER = "install.sh";
    static final String AGENT_UNIT = "relais-agent.service";
    static final String KIOSK_UNIT = "relais-kiosk.service";
    static final String SITE_BROKER_UNIT = "relais-site-broker.service";
    /** The kiosk's screen switch, run as the kiosk's user, and its template unit: nodes with a kiosk. */
    static final String SCREEN_SWITCH = "relais-screen";
    static final List<String> KIOSK = List.of("relais-screen@.service", SCREEN_SWITCH);
    /** Every node gets these, besides its units. */
    static final List<String> COMMON = List.of("relais-agent-retry.service", "relais-agent-retry.timer",
            "agent.jvm.options", "relais-udev.rules", "relais-polkit.rules");
    private static final String FOLDER = "fr/relais/provisioning/bundle/node/";

    private NodePackaging() {
    }

    /** The file as edge-agent/packaging has it, executable for the installer and the screen switch. */
    static BundleFile file(String name) {
        boolean program = name.equals(INSTALLER) || name.equals(SCREEN_SWITCH);
        return new BundleFile(name, program ? BundleFile.EXECUTABLE : BundleFile.PUBLIC, read(name));
    }

    private static byte[] read(String name) {
        try (InputStream in = NodePackaging.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar: the build copies it from"
                        + " edge-agent/packaging/");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
