package fr.relais.provisioning.render;

import fr.relais.agent.config.ConfigException;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.device.DriverRegistry;
import fr.relais.protocol.json.FieldException;
import fr.relais.provisioning.inventory.Inventory;
import fr.relais.provisioning.inventory.InventoryCheck;
import fr.relais.provisioning.inventory.Node;
import fr.relais.provisioning.inventory.Site;
import fr.relais.provisioning.secrets.AccessSigningKey;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Has the edge agent's own configuration loader read every node's {@code agent.yaml} as it would
 * be rendered: the agent is the one place that knows its drivers, the kinds each drives and what
 * their settings must be. What it refuses is reported on the inventory's line, through
 * {@link AgentFieldPaths}. Only the node's broker credentials, its site's badge key and the hub's
 * access-list key, which {@code render} takes from the deployment's secrets, are stand-ins here.
 */
public final class AgentConfigCheck implements InventoryCheck {
    /** As long as the agent asks (32 characters and more); never used by any node. */
    static final String PLACEHOLDER_BADGE_KEY = "placeholder-badge-key-only-for-checking-0000";
    /** A key of the right kind, never the deployment's: validate has no secrets to read. */
    private static final NodeAgentConfig.SiteKeys PLACEHOLDER_KEYS = new NodeAgentConfig.SiteKeys(
            PLACEHOLDER_BADGE_KEY, AccessSigningKey.generate().publicKey());
    private static final NodeAgentConfig.Connection PLACEHOLDER_CONNECTION = new NodeAgentConfig.Connection(
            "tcp://localhost:1883", Optional.of("checking"), Optional.of("checking"), false, false);

    private final DriverMode mode;
    private final DriverRegistry drivers;

    /** With the drivers of the edge agent provisioning was built with. */
    public AgentConfigCheck(DriverMode mode) {
        this(mode, DriverRegistry.standard());
    }

    AgentConfigCheck(DriverMode mode, DriverRegistry drivers) {
        this.mode = mode;
        this.drivers = drivers;
    }

    @Override
    public void check(Inventory inventory, Predicate<String> written) throws FieldException {
        for (int s = 0; s < inventory.sites().size(); s++) {
            Site site = inventory.sites().get(s);
            for (int n = 0; n < site.nodes().size(); n++) {
                Node node = site.nodes().get(n);
                technicianNeedsAReader(node, "sites[" + s + "].nodes[" + n + "]");
                String text = NodeAgentConfig.render(site, node, PLACEHOLDER_CONNECTION, PLACEHOLDER_KEYS, mode);
                try {
                    new ConfigLoader(PlaceholderEnvironment.of(text), drivers).parse(text, Path.of(""));
                } catch (ConfigException e) {
                    throw new AgentFieldPaths(inventory, s, n, written).inventoryError(e);
                }
            }
        }
    }

    /**
     * The technician's exit needs a badge read at the kiosk's own reader: a PIN or technician
     * badges without one would render a kiosk nobody can ever leave, which the agent cannot tell.
     */
    private static void technicianNeedsAReader(Node node, String nodePath) throws FieldException {
        var kiosk = AgentConfigParts.kioskDevice(node);
        if (kiosk.isEmpty()) {
            return;
        }
        var settings = kiosk.get().setup().settings();
        boolean exit = settings.has(AgentConfigParts.KIOSK_PIN) || settings.has(AgentConfigParts.KIOSK_TECHNICIANS);
        String settingsPath = nodePath + ".devices[" + node.devices().indexOf(kiosk.get()) + "].settings.";
        if (settings.has(AgentConfigParts.KIOSK_TECHNICIANS) && !settings.has(AgentConfigParts.KIOSK_PIN)) {
            throw new FieldException(settingsPath + AgentConfigParts.KIOSK_PIN, "is required with technicianBadges:"
                    + " the kiosk opens its maintenance screen to a technician's badge and the PIN, never to one alone");
        }
        if (exit && !settings.has(AgentConfigParts.KIOSK_READER)) {
            throw new FieldException(settingsPath + AgentConfigParts.KIOSK_READER, "is required with maintenancePin or technicianBadges: the"
                    + " technician's badge is read at the kiosk's own reader (a badge-reader device of this node)");
        }
    }

    /**
     * Checks the very text about to be written, its TLS files beside it in {@code folder}. The
     * inventory passed {@link #check} already, so a refusal here is a fault of provisioning itself.
     */
    public static void verify(String text, Path folder) {
        try {
            new ConfigLoader(PlaceholderEnvironment.of(text)).parse(text, folder);
        } catch (ConfigException e) {
            throw new IllegalStateException("the edge agent refuses the agent.yaml rendered in " + folder + ": "
                    + e.getMessage(), e);
        }
    }
}
