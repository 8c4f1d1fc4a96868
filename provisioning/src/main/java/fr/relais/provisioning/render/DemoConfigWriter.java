package fr.relais.provisioning.render;

import fr.relais.provisioning.inventory.Inventory;
import fr.relais.provisioning.inventory.Node;
import fr.relais.provisioning.inventory.Site;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code <out>/<node-id>/agent.yaml} for every node of an inventory, and {@code kiosk.yaml}
 * beside it for a node with a kiosk (a window, linked to that agent's loopback API). Existing files are
 * replaced; folders of nodes no longer in the inventory are left alone, since they may hold a
 * demo agent's database.
 */
public final class DemoConfigWriter {
    public static final String FILE_NAME = "agent.yaml";
    private static final Logger LOG = LoggerFactory.getLogger(DemoConfigWriter.class);

    private final DemoSettings settings;

    public DemoConfigWriter(DemoSettings settings) {
        this.settings = settings;
    }

    /** Writes every node's configuration, in inventory order, and says what was written. */
    public List<WrittenConfig> write(Inventory inventory, Path outDir) throws IOException {
        List<WrittenConfig> written = new ArrayList<>();
        for (Site site : inventory.sites()) {
            for (Node node : site.nodes()) {
                // Node ids follow the protocol's Ids rules, so they are safe as folder names.
                Path file = outDir.resolve(node.id()).resolve(FILE_NAME);
                String text = DemoAgentConfig.render(site, node, settings);
                AgentConfigCheck.verify(text, file.getParent());
                GeneratedFile.write(file, text);
                if (node.hasKiosk()) {
                    Path linkFile = file.getParent().resolve(DemoAgentConfig.KIOSK_LINK_FILE).toAbsolutePath();
                    GeneratedFile.write(file.getParent().resolve(NodeKioskConfig.FILE),
                            NodeKioskConfig.render(site, linkFile.toString(), false));
                }
                LOG.debug("wrote {} ({} characters)", file, text.length());
                written.add(new WrittenConfig(site, node, file));
            }
        }
        return written;
    }

    /** One configuration written. */
    public record WrittenConfig(Site site, Node node, Path file) {
    }
}
