package fr.relais.provisioning.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.relais.provisioning.inventory.Device;
import fr.relais.provisioning.inventory.Node;
import fr.relais.provisioning.inventory.Site;

/** What a demo and a real {@code agent.yaml} share: who the node is, and its devices. */
final class AgentConfigParts {
    private AgentConfigParts() {
    }

    /** {@code node} and {@code site}, first in the file as the agent's loader expects to read them. */
    static ObjectNode identity(Site site, Node node) {
        ObjectNode root = YamlText.object();
        root.put("node", node.id());
        ObjectNode siteObject = root.putObject("site");
        siteObject.put("id", site.id());
        siteObject.put("name", site.name());
        siteObject.put("kind", site.kind().wire());
        return root;
    }

    /**
     * Every device on {@code driver}: {@code simulated} is the only driver this agent version has,
     * for the demo and, until hardware drivers replace it device by device, for real nodes.
     */
    static void devices(ObjectNode root, Node node, String driver) {
        ArrayNode devices = root.putArray("devices");
        for (Device device : node.devices()) {
            ObjectNode entry = devices.addObject();
            entry.put("id", device.id());
            entry.put("kind", device.kind().wire());
            entry.put("name", device.name());
            entry.put("driver", driver);
            if (!device.settings().isEmpty()) {
                entry.set("settings", YamlText.tree(device.settings()));
            }
        }
    }
}
