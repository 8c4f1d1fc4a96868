package fr.relais.provisioning.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.relais.agent.device.simulated.SimulatedDriver;
import fr.relais.provisioning.inventory.Device;
import fr.relais.provisioning.inventory.DriverSetup;
import fr.relais.provisioning.inventory.Node;
import fr.relais.provisioning.inventory.Site;
import java.util.Iterator;
import java.util.Map;

/** What a demo and a real {@code agent.yaml} share: who the node is, and its devices. */
final class AgentConfigParts {
    /** The kiosk device's setting naming its badge reader, rendered into {@code kioskApi}. */
    static final String KIOSK_READER = "reader";

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
     * The loopback API the kiosk reads its content from and acts through, on a node with a kiosk:
     * a port on 127.0.0.1 and the file where the agent writes its URL and a fresh token at each
     * start (the kiosk reads it: either side may restart). The kiosk device's {@code reader}
     * setting, when given, names the badge reader whose reads go to the kiosk (coworking check-in,
     * the technician's exit): it is the API's setting, not the kiosk watch's.
     */
    static void kioskApi(ObjectNode root, Node node, int port, String linkFile) {
        if (!node.hasKiosk()) {
            return;
        }
        ObjectNode api = root.putObject("kioskApi");
        api.put("port", port);
        api.put("linkFile", linkFile);
        node.devices().stream().filter(device -> device.kind() == fr.relais.protocol.DeviceKind.KIOSK)
                .map(device -> device.setup().settings().path(KIOSK_READER))
                .filter(JsonNode::isTextual).findFirst()
                .ifPresent(reader -> api.put("reader", reader.asText()));
    }

    /**
     * The {@code devices:} list, in inventory order: the agent's error about {@code devices[i]} is
     * about the inventory's device {@code i} of that node.
     */
    static void devices(ObjectNode root, Node node, DriverMode mode) {
        ArrayNode devices = root.putArray("devices");
        for (Device device : node.devices()) {
            ObjectNode entry = devices.addObject();
            entry.put("id", device.id());
            entry.put("kind", device.kind().wire());
            entry.put("name", device.name());
            DriverSetup setup = device.setup();
            boolean simulatedHere = mode == DriverMode.SIMULATED && !setup.simulated();
            entry.put("driver", simulatedHere ? DriverSetup.SIMULATED : setup.driver());
            ObjectNode settings = simulatedHere ? simulationSettings(setup) : setup.settings().deepCopy();
            if (device.kind() == fr.relais.protocol.DeviceKind.KIOSK) {
                settings.remove(KIOSK_READER);
            }
            // A real device's pace suits its hardware; simulated, it follows the node's telemetry.
            if (!simulatedHere) {
                setup.pollSeconds().ifPresent(seconds -> entry.put("pollSeconds", seconds));
                setup.readTimeoutSeconds().ifPresent(seconds -> entry.put("readTimeoutSeconds", seconds));
            }
            if (!settings.isEmpty()) {
                entry.set("settings", settings);
            }
        }
    }

    /**
     * What the simulations read of a real driver's settings (a probe's {@code link}, a room's
     * name); the rest is hardware. A device whose kind has several simulations (a presence sensor:
     * a room's motion sensor or an entrance counter) also gets {@code simulates}, its real driver,
     * so that the demo's entrance counters count visitors and its rooms report occupancy.
     */
    static ObjectNode simulationSettings(DriverSetup setup) {
        ObjectNode real = setup.settings();
        ObjectNode kept = YamlText.object();
        if (SimulatedDriver.DISTINCT_SIMULATIONS.contains(setup.driver())) {
            kept.put(SimulatedDriver.SIMULATES, setup.driver());
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = real.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (SimulatedDriver.SETTINGS.contains(field.getKey()) && !field.getKey().equals(SimulatedDriver.SIMULATES)
                    && field.getValue().isValueNode()) {
                kept.set(field.getKey(), field.getValue());
            }
        }
        return kept;
    }
}
