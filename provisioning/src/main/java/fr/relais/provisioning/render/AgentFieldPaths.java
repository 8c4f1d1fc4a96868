package fr.relais.provisioning.render;

import fr.relais.agent.config.ConfigException;
import fr.relais.protocol.json.FieldException;
import fr.relais.provisioning.inventory.Device;
import fr.relais.provisioning.inventory.Inventory;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a field of one node's rendered {@code agent.yaml} ({@code devices[3].settings.uri}) into
 * the inventory field it came from: {@code sites[0].nodes[0].devices[3].settings.uri}, or the
 * same setting of the device's profile when the device does not write it itself.
 */
final class AgentFieldPaths {
    private static final Pattern DEVICE_FIELD = Pattern.compile("devices\\[(\\d+)](.*)");
    private static final Pattern FIRST_STEP = Pattern.compile("(\\.[^.\\[]+).*");
    /** A field of {@code kioskApi} that came from the kiosk device's settings of the same name. */
    private static final Pattern KIOSK_API_FIELD = Pattern.compile("kioskApi\\.("
            + String.join("|", AgentConfigParts.KIOSK_API_SETTINGS) + ")((?:[.\\[].*)?)");
    /** What the agent cannot say: how to make the value it wants. */
    private static final String PIN_HINT = " (write the hash `relais-provision hash-pin` prints, never the PIN itself)";
    private static final String BADGE_HINT = " (write the hash `relais-provision badge-hash --site SITE --out DIR`"
            + " prints for the card at this site)";

    private final Inventory inventory;
    private final int site;
    private final int node;
    private final Predicate<String> written;

    AgentFieldPaths(Inventory inventory, int site, int node, Predicate<String> written) {
        this.inventory = inventory;
        this.site = site;
        this.node = node;
        this.written = written;
    }

    /** The agent's refusal as an error of the inventory field at fault. */
    FieldException inventoryError(ConfigException e) {
        String nodePath = "sites[" + site + "].nodes[" + node + "]";
        if (e.getCause() instanceof FieldException field) {
            String path = inventoryField(field.field());
            if (path != null) {
                boolean pin = field.field().equals("kioskApi." + AgentConfigParts.KIOSK_PIN);
                boolean badge = field.field().startsWith("kioskApi." + AgentConfigParts.KIOSK_TECHNICIANS + "[");
                return new FieldException(path, field.reason() + (pin ? PIN_HINT : badge ? BADGE_HINT : ""));
            }
        }
        // Nothing the inventory wrote: the rendering itself is at fault, and the node is all we can name.
        return new FieldException(nodePath, "the edge agent refuses the agent.yaml rendered for this node: "
                + e.getMessage());
    }

    /**
     * The inventory path of an agent field about a device, or about the kiosk API's settings the
     * kiosk device carries; null for any other field.
     */
    String inventoryField(String agentField) {
        Matcher kioskApi = KIOSK_API_FIELD.matcher(agentField);
        if (kioskApi.matches()) {
            var devices = inventory.sites().get(site).nodes().get(node).devices();
            int kiosk = devices.indexOf(AgentConfigParts.kioskDevice(inventory.sites().get(site).nodes().get(node))
                    .orElse(null));
            if (kiosk < 0) {
                return null;
            }
            agentField = "devices[" + kiosk + "].settings." + kioskApi.group(1) + kioskApi.group(2);
        }
        Matcher matcher = DEVICE_FIELD.matcher(agentField);
        if (!matcher.matches()) {
            return null;
        }
        int index = Integer.parseInt(matcher.group(1));
        var devices = inventory.sites().get(site).nodes().get(node).devices();
        if (index >= devices.size()) {
            return null;
        }
        Device device = devices.get(index);
        String rest = matcher.group(2);
        String devicePath = "sites[" + site + "].nodes[" + node + "].devices[" + index + "]";
        String own = devicePath + rest;
        if (device.profile().isEmpty() || rest.isEmpty() || written.test(own)) {
            return own;
        }
        String shared = "profiles[" + inventory.profileIndex(device.profile().get()) + "]" + rest;
        if (written.test(shared)) {
            return shared;
        }
        // Missing everywhere (a required setting): on the device's own block if it writes one.
        Matcher first = FIRST_STEP.matcher(rest);
        return first.matches() && written.test(devicePath + first.group(1)) ? own : shared;
    }
}
