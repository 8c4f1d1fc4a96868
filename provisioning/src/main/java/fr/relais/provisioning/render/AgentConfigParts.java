package fr.relais.provisioning.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.relais.agent.config.ReportingPace;
import fr.relais.agent.device.simulated.SimulatedDriver;
import fr.relais.provisioning.inventory.Device;
import fr.relais.provisioning.inventory.DriverSetup;
import fr.relais.provisioning.inventory.Node;
import fr.relais.provisioning.inventory.Site;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** What a demo and a real {@code agent.yaml} share: who the node is, and its devices. */
final class AgentConfigParts {
    /** The kiosk device's setting naming its badge reader, rendered into {@code kioskApi}. */
    static final String KIOSK_READER = "reader";
    /** The technician PIN's PBKDF2 hash, rendered into {@code kioskApi} (never the PIN itself). */
    static final String KIOSK_PIN = "maintenancePin";
    /** Keyed badge hashes that count as technicians' at this kiosk, rendered into {@code kioskApi}. */
    static final String KIOSK_TECHNICIANS = "technicianBadges";
    /** The ESC/POS printer of queue tickets, rendered into {@code kioskApi}. */
    static final String KIOSK_PRINTER = "ticketPrinter";
    /**
     * The kiosk device's settings that belong to the agent's loopback API, not to the kiosk watch:
     * written on the kiosk (or its profile, to share a PIN between places) because they describe
     * that kiosk, and moved into {@code kioskApi} under the same names.
     */
    static final List<String> KIOSK_API_SETTINGS = List.of(KIOSK_READER, KIOSK_PRINTER, KIOSK_PIN, KIOSK_TECHNICIANS);

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
     * start (the kiosk reads it: either side may restart). The kiosk device's
     * {@link #KIOSK_API_SETTINGS} follow as they are: {@code reader} names the badge reader whose
     * reads go to the kiosk (coworking check-in, the technician's exit), {@code ticketPrinter} the
     * ticket printer, {@code maintenancePin} and {@code technicianBadges} who may leave the kiosk.
     * They are the API's settings, not the kiosk watch's. The agent's loader judges their values.
     */
    static Optional<ObjectNode> kioskApi(ObjectNode root, Node node, int port, String linkFile) {
        if (!node.hasKiosk()) {
            return Optional.empty();
        }
        ObjectNode api = root.putObject("kioskApi");
        api.put("port", port);
        api.put("linkFile", linkFile);
        kioskDevice(node).ifPresent(kiosk -> {
            ObjectNode settings = kiosk.setup().settings();
            for (String name : KIOSK_API_SETTINGS) {
                if (settings.has(name)) {
                    api.set(name, settings.get(name));
                }
            }
        });
        return Optional.of(api);
    }

    /** The node's kiosk device (the agent's API serves one kiosk per node: the first). */
    static Optional<Device> kioskDevice(Node node) {
        return node.devices().stream().filter(device -> device.kind() == fr.relais.protocol.DeviceKind.KIOSK)
                .findFirst();
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
                settings.remove(KIOSK_API_SETTINGS);
            }
            // A real place's pace (ReportingPace: a printer every 30 s unless the inventory says);
            // simulated here (the demo, a test bench), a device follows the node's telemetry.
            if (mode == DriverMode.AS_INVENTORY) {
                or(setup.pollSeconds(), ReportingPace.pollSeconds(device.kind()))
                        .ifPresent(seconds -> entry.put("pollSeconds", seconds));
            } else if (!simulatedHere) {
                setup.pollSeconds().ifPresent(seconds -> entry.put("pollSeconds", seconds));
            }
            if (!simulatedHere) {
                setup.readTimeoutSeconds().ifPresent(seconds -> entry.put("readTimeoutSeconds", seconds));
            }
            if (!settings.isEmpty()) {
                entry.set("settings", settings);
            }
        }
    }

    private static OptionalInt or(OptionalInt first, OptionalInt second) {
        return first.isPresent() ? first : second;
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
