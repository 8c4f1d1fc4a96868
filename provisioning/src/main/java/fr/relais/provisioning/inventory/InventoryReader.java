package fr.relais.provisioning.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.relais.protocol.Birth;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Turns the tree of one inventory into records, checking what {@link StrictObject} cannot see
 * field by field: identifiers that must be unique, and lists that must not be empty.
 */
final class InventoryReader {
    static final int MAX_SITES = 500;
    static final int MAX_NODES_PER_SITE = 16;
    static final int MAX_PROFILES = 200;
    /** The edge agent refuses a configuration with more devices than this. */
    /** Five characters: the département (two digits, or 2A/2B for Corsica), then three digits. */
    static final int MAX_CERTIFICATE_NODE_ID = 58;
    private static final Pattern HOST = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|[0-9A-Fa-f:.]+");
    private static final Pattern INSEE_CODE = Pattern.compile("(\\d{2}|2A|2B)\\d{3}");

    private final YamlLineIndex lines;
    private final Map<String, String> siteIds = new HashMap<>();
    // Node ids become MQTT client ids and usernames: two Pis sharing one would knock each other off.
    private final Map<String, String> nodeIds = new HashMap<>();
    private final Map<String, DeviceProfile> profiles = new LinkedHashMap<>();

    InventoryReader(YamlLineIndex lines) {
        this.lines = lines;
    }

    Inventory read(StrictObject root) throws FieldException {
        String territory = nonBlankText(root, "territory");
        Optional<BrokerSpec> broker = Optional.empty();
        Optional<StrictObject> brokerObject = root.optionalObject("broker");
        if (brokerObject.isPresent()) {
            broker = Optional.of(broker(brokerObject.get()));
        }
        if (root.has("profiles")) {
            profiles(root);
        }
        List<Site> sites = new ArrayList<>();
        for (StrictObject site : root.objects("sites", MAX_SITES)) {
            sites.add(site(site));
        }
        if (sites.isEmpty()) {
            throw new FieldException(root.field("sites"), "must list at least one site");
        }
        root.finish();
        return new Inventory(territory, broker, List.copyOf(profiles.values()), sites);
    }

    /** Read before the sites, whatever their order in the file: devices refer to them. */
    private void profiles(StrictObject root) throws FieldException {
        Map<String, String> profileIds = new HashMap<>();
        for (StrictObject profile : root.objects("profiles", MAX_PROFILES)) {
            String id = profile.id("id");
            unique(profileIds, profile.field("id"), id, "profile");
            DriverSetup setup = new DriverSetup(nonBlankText(profile, "driver"), settings(profile),
                    seconds(profile, "pollSeconds"), seconds(profile, "readTimeoutSeconds"));
            profile.finish();
            profiles.put(id, new DeviceProfile(id, setup));
        }
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
            Optional<String> profile = device.optionalId("profile");
            DriverSetup setup = driverSetup(device, profile);
            device.finish();
            devices.add(new Device(deviceId, kind, name, setup, profile));
        }
        NodeAuth auth = node.choice("auth", NodeAuth.class, NodeAuth.PASSWORD);
        boolean localBroker = node.bool("localBroker", false);
        if (localBroker && auth == NodeAuth.CERTIFICATE) {
            throw new FieldException(node.field("localBroker"), "needs auth: password (the site broker's bridge"
                    + " logs in to the central broker with the node's password)");
        }
        if (auth == NodeAuth.CERTIFICATE && id.length() > MAX_CERTIFICATE_NODE_ID) {
            throw new FieldException(node.field("id"), "at most " + MAX_CERTIFICATE_NODE_ID + " characters with"
                    + " auth: certificate (its username, id.<n>, is the certificate's 64-character common name)");
        }
        node.finish();
        return new Node(id, devices, auth, localBroker);
    }

    /**
     * A device's driver: its profile's or its own (the simulation if it names neither), with its own
     * settings and timings laid over. Whether the driver knows them is the edge agent's to say.
     */
    private DriverSetup driverSetup(StrictObject device, Optional<String> profile) throws FieldException {
        DriverSetup base = DriverSetup.byDefault();
        if (profile.isPresent()) {
            DeviceProfile named = profiles.get(profile.get());
            if (named == null) {
                throw new FieldException(device.field("profile"), "no profile '" + profile.get() + "' in profiles:"
                        + (profiles.isEmpty() ? " the inventory has none" : " (" + String.join(", ", profiles.keySet()) + ")"));
            }
            if (device.has("driver")) {
                throw new FieldException(device.field("driver"), "the device follows profile '" + profile.get()
                        + "', which names its driver: give one or the other");
            }
            base = named.setup();
        } else if (device.has("driver")) {
            base = new DriverSetup(nonBlankText(device, "driver"), DriverSetup.emptySettings(), OptionalInt.empty(),
                    OptionalInt.empty());
        }
        return base.with(settings(device), seconds(device, "pollSeconds"), seconds(device, "readTimeoutSeconds"));
    }

    /** The {@code settings:} block as a tree, lists and objects included; absent means empty. */
    private static ObjectNode settings(StrictObject object) throws FieldException {
        List<JsonNode> block = new ArrayList<>(1);
        object.freeObject("settings", tree -> {
            block.add(tree);
            return Map.of();
        });
        return block.isEmpty() ? DriverSetup.emptySettings() : (ObjectNode) block.get(0);
    }

    /** A whole number of seconds; its range is the edge agent's to judge. */
    private static OptionalInt seconds(StrictObject object, String name) throws FieldException {
        if (!object.has(name)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) object.longIn(name, Integer.MIN_VALUE, Integer.MAX_VALUE, 0));
    }

    private static BrokerSpec broker(StrictObject broker) throws FieldException {
        String host = hostName(broker.field("host"), nonBlankText(broker, "host"));
        if (host.contains(":")) {
            // It goes into ssl://host:port and a bridge's address line, which take no IPv6 literal.
            throw new FieldException(broker.field("host"), "'" + host + "' is an IPv6 address: give the broker's DNS"
                    + " name (IPv6 addresses may go in extraNames)");
        }
        List<String> extraNames = new ArrayList<>();
        for (String name : broker.has("extraNames") ? broker.texts("extraNames") : List.<String>of()) {
            extraNames.add(hostName(broker.field("extraNames"), name));
        }
        int tlsPort = port(broker, "tlsPort", BrokerSpec.DEFAULT_TLS_PORT);
        int certificatePort = port(broker, "certificatePort", BrokerSpec.DEFAULT_CERTIFICATE_PORT);
        int localPort = port(broker, "localPort", BrokerSpec.DEFAULT_LOCAL_PORT);
        if (tlsPort == localPort || tlsPort == certificatePort || localPort == certificatePort) {
            throw new FieldException(broker.field("localPort"), "tlsPort, certificatePort and localPort must differ");
        }
        broker.finish();
        return new BrokerSpec(host, extraNames, tlsPort, certificatePort, localPort);
    }

    private static int port(StrictObject object, String name, int defaultValue) throws FieldException {
        return (int) object.longIn(name, 1, 65_535, defaultValue);
    }

    /** A DNS name or an IP address literal: it goes into a certificate and a URL, so nothing else. */
    private static String hostName(String field, String name) throws FieldException {
        if (!HOST.matcher(name).matches()) {
            throw new FieldException(field, "'" + name + "' is not a host name or an IP address");
        }
        return name;
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
