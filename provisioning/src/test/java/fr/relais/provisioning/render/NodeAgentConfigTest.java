package fr.relais.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import fr.relais.protocol.DeviceKind;
import fr.relais.provisioning.inventory.Device;
import fr.relais.provisioning.inventory.Inventory;
import fr.relais.provisioning.inventory.InventoryLoader;
import fr.relais.provisioning.inventory.Node;
import fr.relais.provisioning.inventory.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real node's agent.yaml: the inventory's drivers and settings as written, or all simulated. */
class NodeAgentConfigTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonMapper JSON = new JsonMapper();
    private static final String KEY = "k".repeat(43);
    private static final NodeAgentConfig.SiteKeys KEYS = new NodeAgentConfig.SiteKeys(KEY, "public-key-base64");
    private static final NodeAgentConfig.Connection TLS = new NodeAgentConfig.Connection("ssl://relais.example:8883",
            Optional.of("rozoy-pi.1"), Optional.of("secret"), true, false);
    private static Site site;
    private static Node node;

    @BeforeAll
    static void load() throws Exception {
        Inventory inventory = new InventoryLoader().parse("t.yaml", """
                territory: T
                profiles:
                  - id: sonde-liaison
                    driver: probe
                    pollSeconds: 60
                    settings:
                      targets: ["9.9.9.9", "1.1.1.1"]
                      throughput: { url: "https://x/10MB.bin", maxBytes: 10000000, everyHours: 6 }
                sites:
                  - id: rozoy
                    name: Rozoy
                    kind: mediation
                    commune: Rozoy-sur-Serre
                    nodes:
                      - id: rozoy-pi
                        devices:
                          - id: sonde
                            kind: probe
                            name: Sonde
                            profile: sonde-liaison
                            settings: { link: adsl }
                          - id: imprimante
                            kind: printer
                            name: Imprimante
                            driver: ipp
                            readTimeoutSeconds: 20
                            settings: { uri: "ipp://localhost:60000/ipp/print", tonerWarningPercent: 15 }
                          - id: poste
                            kind: computer
                            name: Poste
                          - id: porte
                            kind: door
                            name: Porte
                            driver: gpio-door
                            settings: { relay: 17, contact: 27 }
                """);
        site = inventory.sites().get(0);
        node = site.nodes().get(0);
    }

    @Test
    void rendersEachDevicesDriverAndSettingsAsTheInventoryWroteThem() throws Exception {
        JsonNode config = YAML.readTree(NodeAgentConfig.render(site, node, TLS, KEYS, DriverMode.AS_INVENTORY));
        JsonNode devices = config.get("devices");

        assertThat(devices.get(0)).isEqualTo(JSON.readTree("""
                {"id": "sonde", "kind": "probe", "name": "Sonde", "driver": "probe", "pollSeconds": 60,
                 "settings": {"targets": ["9.9.9.9", "1.1.1.1"],
                              "throughput": {"url": "https://x/10MB.bin", "maxBytes": 10000000, "everyHours": 6},
                              "link": "adsl"}}"""));
        assertThat(devices.get(1)).isEqualTo(JSON.readTree("""
                {"id": "imprimante", "kind": "printer", "name": "Imprimante", "driver": "ipp", "pollSeconds": 30,
                 "readTimeoutSeconds": 20,
                 "settings": {"uri": "ipp://localhost:60000/ipp/print", "tonerWarningPercent": 15}}"""));
        assertThat(devices.get(2)).isEqualTo(JSON.readTree("""
                {"id": "poste", "kind": "computer", "name": "Poste", "driver": "simulated"}"""));
        assertThat(devices.get(3).get("driver").asText()).isEqualTo("gpio-door");
    }

    @Test
    void reportsAtARealPlacesPaceNotTheAgentsTenSecondDefault() throws Exception {
        JsonNode config = YAML.readTree(NodeAgentConfig.render(site, node, TLS, KEYS, DriverMode.AS_INVENTORY));

        assertThat(config.at("/telemetry/intervalSeconds").asInt()).as("the node's health, and its devices' default")
                .isEqualTo(60);
        assertThat(config.at("/devices/1/pollSeconds").asInt()).as("a printer, the inventory giving none").isEqualTo(30);
        assertThat(config.at("/devices/2/pollSeconds").isMissingNode()).as("a computer follows the node").isTrue();
        assertThat(config.at("/devices/3/pollSeconds").isMissingNode()).as("a door pushes its events at once").isTrue();
    }

    @Test
    void aPrintersPaceGivenByTheInventoryWinsOverTheDefault() throws Exception {
        Inventory inventory = new InventoryLoader().parse("t.yaml", """
                territory: T
                sites:
                  - id: rozoy
                    name: Rozoy
                    kind: mediation
                    commune: Rozoy-sur-Serre
                    nodes:
                      - id: rozoy-pi
                        devices:
                          - id: imprimante
                            kind: printer
                            name: Imprimante
                            driver: ipp
                            pollSeconds: 120
                            settings: { uri: "ipp://localhost:60000/ipp/print" }
                """);
        Site own = inventory.sites().get(0);

        JsonNode config = YAML.readTree(NodeAgentConfig.render(own, own.nodes().get(0), TLS, KEYS,
                DriverMode.AS_INVENTORY));

        assertThat(config.at("/devices/0/pollSeconds").asInt()).isEqualTo(120);
    }

    @Test
    void carriesTheSitesBadgeKey() throws Exception {
        String text = NodeAgentConfig.render(site, node, TLS, KEYS, DriverMode.AS_INVENTORY);

        assertThat(YAML.readTree(text).at("/badges/hashKey").asText()).isEqualTo(KEY);
        assertThat(text).contains("It holds the node's MQTT password and the site's badge hash key")
                .contains("Devices for which the inventory names no driver are simulated");
    }

    @Test
    void aPlaceWithADoorGetsTheHubsAccessKeyOnEveryNodeAndAPlaceWithoutNone() throws Exception {
        JsonNode withDoor = YAML.readTree(NodeAgentConfig.render(site, node, TLS, KEYS, DriverMode.AS_INVENTORY));
        Node noDoor = new Node("rozoy-pi", node.devices().subList(0, 3), node.auth(), node.localBroker());
        Node readerOnly = new Node("rozoy-pi-2", List.of(new Device("lecteur", DeviceKind.BADGE_READER, "Lecteur",
                node.devices().get(2).setup(), Optional.empty())), node.auth(), node.localBroker());
        Site withoutDoor = new Site("rozoy", "Rozoy", site.kind(), site.commune(), Optional.empty(), Optional.empty(),
                List.of(noDoor));
        Site withReader = new Site("rozoy", "Rozoy", site.kind(), site.commune(), Optional.empty(), Optional.empty(),
                List.of(noDoor, readerOnly));

        assertThat(withDoor.get("access")).isEqualTo(JSON.readTree("{\"publicKey\": \"public-key-base64\"}"));
        assertThat(YAML.readTree(NodeAgentConfig.render(withoutDoor, noDoor, TLS, KEYS, DriverMode.AS_INVENTORY))
                .has("access")).isFalse();
        assertThat(YAML.readTree(NodeAgentConfig.render(withReader, noDoor, TLS, KEYS, DriverMode.AS_INVENTORY))
                .at("/access/publicKey").asText()).as("a node of a place whose reader is on another Pi")
                .isEqualTo("public-key-base64");
        assertThat(YAML.readTree(NodeAgentConfig.render(site, node, TLS, KEYS, DriverMode.SIMULATED))
                .at("/access/publicKey").asText()).as("simulated devices, same place").isEqualTo("public-key-base64");
    }

    @Test
    void simulatedKeepsOnlyWhatTheSimulationsReadAndTheNodesPace() throws Exception {
        String text = NodeAgentConfig.render(site, node, TLS, KEYS, DriverMode.SIMULATED);
        JsonNode devices = YAML.readTree(text).get("devices");

        assertThat(drivers(devices)).containsOnly("simulated");
        assertThat(devices.get(0)).isEqualTo(JSON.readTree("""
                {"id": "sonde", "kind": "probe", "name": "Sonde", "driver": "simulated", "settings": {"link": "adsl"}}"""));
        assertThat(devices.get(1)).isEqualTo(JSON.readTree("""
                {"id": "imprimante", "kind": "printer", "name": "Imprimante", "driver": "simulated"}"""));
        assertThat(YAML.readTree(text).has("telemetry")).as("a test bench on a desk: the agent's 10 s default")
                .isFalse();
        assertThat(text).contains("Rendered with --simulated: every device is simulated");
        assertThat(YAML.readTree(text).at("/telemetry/simulatedHost").isMissingNode())
                .as("a test bench's node measures the machine it runs on").isTrue();
    }

    @Test
    void theDemoIsSimulatedAndHasNoBadgeKey() throws Exception {
        JsonNode config = YAML.readTree(DemoAgentConfig.render(site, node, new DemoSettings("tcp://127.0.0.1:1883", 5)));

        assertThat(drivers(config.get("devices"))).containsOnly("simulated");
        assertThat(config.has("badges")).isFalse();
        assertThat(config.has("access")).as("no simulation verifies access lists").isFalse();
        assertThat(config.at("/devices/0/settings")).isEqualTo(JSON.readTree("{\"link\": \"adsl\"}"));
        assertThat(config.at("/telemetry/intervalSeconds").asInt()).isEqualTo(5);
        config.get("devices").forEach(device -> assertThat(device.has("pollSeconds"))
                .as("%s follows the demo's short interval, so the dashboard moves", device.get("id")).isFalse());
    }

    private static List<String> drivers(JsonNode devices) {
        List<String> drivers = new ArrayList<>();
        devices.forEach(device -> drivers.add(device.get("driver").asText()));
        return drivers;
    }
}
