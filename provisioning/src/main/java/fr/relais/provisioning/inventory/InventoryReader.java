package fr.relais.provisioning.inventory;

import fr.relais.protocol.Birth;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the tree of one inventory into records, checking what {@link StrictObject} cannot see
 * field by field: identifiers that must be unique, and lists that must not be empty.
 */
final class InventoryReader {
    static final int MAX_SITES = 500;
    static final int MAX_NODES_PER_SITE = 16;
    /** The edge agent refuses a configuration with more devices than this. */
    /** Five characters: the département (two digits, or 2A/2B for Corsica), then three digits. */
    private static final Pattern INSEE_CODE = Pattern.compile("(\\d{2}|2A|2B)\\d{3}");

    private final YamlLineIndex lines;
    private final Map<String, String> siteIds = new HashMap<>();
    // Node ids become MQTT client ids and usernames: two Pis sharing one would knock each other off.
    private final Map<String, String> nodeIds = new HashMap<>();

    InventoryReader(YamlLineIndex lines) {
        this.lines = lines;
    }

    Inventory read(StrictObject root) throws FieldException {
        String territory = nonBlankText(root, "territory");
        List<Site> sites = new ArrayList<>();
        for (StrictObject site : root.objects("sites", MAX_SITES)) {
            sites.add(site(site));
        }
        if (sites.isEmpty()) {
            throw new FieldException(root.field("sites"), "must list at least one site");
        }
        root.finish();
        return new Inventory(territory, sites);
    }

    private Site site(StrictObject site) throws FieldException {
        String id = site.id("id");
        unique(siteIds, site.field("id"), id, "site");
        String name = nonBlankText(site, "name");
        SiteKind kind = site.choice("kind", SiteKind.class);
        String commune = nonBlankText(site, "commune");
        Optional<String> address = site.optionalText("address");
        Optional<String> inseeCode = site.optionalText("inseeCode");
        if (inseeCode.isPresent() && !INSEE_CODE.matcher(inseeCode.get()).matches()) {
            throw new FieldException(site.field("inseeCode"), "'" + inseeCode.get()
                    + "' is not an INSEE commune code (five characters such as \"02666\", in quotes)");
        }
        List<Node> nodes = new ArrayList<>();
        for (StrictObject node : site.objects("nodes", MAX_NODES_PER_SITE)) {
            nodes.add(node(node));
        }
        if (nodes.isEmpty()) {
            throw new FieldException(site.field("nodes"), "a site needs at least one node (the Pi that runs its agent)");
        }
        site.finish();
        return new Site(id, name, kind, commune, address, inseeCode, nodes);
    }

    private Node node(StrictObject node) throws FieldException {
        String id = node.id("id");
        unique(nodeIds, node.field("id"), id, "node");
        Map<String, String> deviceIds = new HashMap<>();
        List<Device> devices = new ArrayList<>();
        // An empty list is allowed on purpose: a Pi can be provisioned before its equipment is wired.
        for (StrictObject device : node.objects("devices", Birth.MAX_DEVICES)) {
            String deviceId = device.id("id");
            unique(deviceIds, device.field("id"), deviceId, "device of this node");
            DeviceKind kind = device.choice("kind", DeviceKind.class);
            String name = nonBlankText(device, "name");
            Map<String, Object> settings = device.scalars("settings");
            device.finish();
            devices.add(new Device(deviceId, kind, name, settings));
        }
        node.finish();
        return new Node(id, devices);
    }

    private void unique(Map<String, String> seen, String field, String id, String what) throws FieldException {
        String first = seen.putIfAbsent(id, field);
        if (first != null) {
            throw new FieldException(field, "'" + id + "' is already the id of another " + what + " ("
                    + first + ", line " + lines.lineOf(first) + ")");
        }
    }

    private static String nonBlankText(StrictObject object, String name) throws FieldException {
        String text = object.text(name);
        if (text.isBlank()) {
            throw new FieldException(object.field(name), "must not be blank");
        }
        return text;
    }
}
