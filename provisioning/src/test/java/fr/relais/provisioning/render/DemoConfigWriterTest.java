package fr.relais.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.gpio.GpioPresenceDriver;
import fr.relais.agent.device.gpio.PeopleCounterDriver;
import fr.relais.agent.device.simulated.SimulatedDevices;
import fr.relais.provisioning.inventory.Inventory;
import fr.relais.provisioning.inventory.InventoryException;
import fr.relais.provisioning.inventory.InventoryLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoConfigWriterTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final DemoSettings SETTINGS = new DemoSettings("tcp://127.0.0.1:18830", 5);
    private static Inventory inventory;

    @TempDir
    Path out;

    @BeforeAll
    static void load() throws InventoryException {
        inventory = new InventoryLoader().load(Path.of("examples", "territoire.yaml"));
    }

    @Test
    void writesOneConfigurationPerNode() throws IOException {
        List<DemoConfigWriter.WrittenConfig> written = new DemoConfigWriter(SETTINGS).write(inventory, out);

        assertThat(written).extracting(config -> config.node().id()).containsExactly("rozoy-pi", "montcornet-pi",
                "dizy-le-gros-pi", "brunehamel-pi", "rozoy-coworking-pi", "spi-pi");
        assertThat(written).allSatisfy(config -> assertThat(config.file())
                .isEqualTo(out.resolve(config.node().id()).resolve("agent.yaml")).isRegularFile());
        try (Stream<Path> folders = Files.list(out)) {
            assertThat(folders).hasSize(6);
        }
    }

    @Test
    void writesTheSameBytesEveryTimeAndReplacesEditedFiles() throws IOException {
        DemoConfigWriter writer = new DemoConfigWriter(SETTINGS);
        List<byte[]> first = contents(writer.write(inventory, out));
        Path edited = out.resolve("spi-pi").resolve("agent.yaml");
        Files.writeString(edited, "node: edited-by-hand\n");

        List<byte[]> second = contents(writer.write(inventory, out));

        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).isEqualTo(first.get(i));
        }
        try (Stream<Path> leftovers = Files.list(out.resolve("spi-pi"))) {
            // A node with a kiosk gets its kiosk.yaml beside its agent.yaml.
            assertThat(leftovers).containsExactlyInAnyOrder(edited, out.resolve("spi-pi").resolve("kiosk.yaml"));
        }
    }

    @Test
    void followsTheEdgeAgentFormat() throws IOException {
        new DemoConfigWriter(SETTINGS).write(inventory, out);
        JsonNode config = read("montcornet-pi");

        assertThat(fieldNames(config)).containsExactly("node", "site", "broker", "storage", "telemetry", "clock", "kioskApi",
                "devices");
        // Every demo agent in one JVM: any free port, said in a link file beside the configuration,
        // which the node's kiosk.yaml names.
        assertThat(config.at("/kioskApi/port").intValue()).isZero();
        assertThat(config.at("/kioskApi/linkFile").textValue()).isEqualTo("kiosk-link.json");
        assertThat(Files.readString(out.resolve("montcornet-pi").resolve("kiosk.yaml")))
                .contains("linkFile: \"" + out.resolve("montcornet-pi").resolve("kiosk-link.json").toAbsolutePath() + "\"")
                .contains("fullScreen: false");
        assertThat(config.get("node").textValue()).isEqualTo("montcornet-pi");
        assertThat(config.at("/site/id").textValue()).isEqualTo("montcornet");
        assertThat(config.at("/site/name").textValue()).isEqualTo("Tiers-lieu numérique de Montcornet");
        assertThat(config.at("/site/kind").textValue()).isEqualTo("mediation");
        assertThat(config.at("/broker/url").textValue()).isEqualTo("tcp://127.0.0.1:18830");
        assertThat(config.at("/storage/file").textValue()).isEqualTo("agent.db");
        assertThat(config.at("/telemetry/intervalSeconds").intValue()).isEqualTo(5);
        assertThat(config.at("/clock/source").textValue()).isEqualTo("always-synced");
        assertThat(config.get("devices")).hasSize(9);
    }

    @Test
    void saysItIsADemoConfiguration() throws IOException {
        new DemoConfigWriter(SETTINGS).write(inventory, out);
        String text = Files.readString(out.resolve("rozoy-pi").resolve("agent.yaml"), StandardCharsets.UTF_8);

        assertThat(text).startsWith("# Generated by relais-provision demo-configs: a DEMO configuration")
                .contains("# Never use it for a real place.");
    }

    @Test
    void keepsAccentsAndApostrophes() throws IOException {
        new DemoConfigWriter(SETTINGS).write(inventory, out);
        String text = Files.readString(out.resolve("rozoy-coworking-pi").resolve("agent.yaml"), StandardCharsets.UTF_8);
        JsonNode config = YAML.readTree(text);

        assertThat(text).contains("\"Lecteur de badges de l'entrée\"", "\"Écran d'accueil et de réservation\"");
        assertThat(config.get("devices")).extracting(device -> device.get("name").textValue())
                .contains("Lecteur de badges de l'entrée", "Porte d'entrée", "Imprimante partagée");
    }

    @Test
    void simulatesEveryDevice() throws IOException {
        new DemoConfigWriter(SETTINGS).write(inventory, out);
        List<JsonNode> devices = new ArrayList<>();
        for (var site : inventory.sites()) {
            read(site.nodes().get(0).id()).get("devices").forEach(devices::add);
        }

        assertThat(devices).hasSize(inventory.deviceCount())
                .allSatisfy(device -> assertThat(device.get("driver").textValue()).isEqualTo("simulated"));
    }

    @Test
    void writesSettingsOnlyWhenTheInventoryHasSome() throws IOException {
        new DemoConfigWriter(SETTINGS).write(inventory, out);
        JsonNode devices = read("spi-pi").get("devices");

        for (JsonNode device : devices) {
            if (device.get("kind").textValue().equals("probe")) {
                assertThat(fieldNames(device)).containsExactly("id", "kind", "name", "driver", "settings");
                assertThat(device.at("/settings/link").textValue()).isEqualTo("4g");
            } else {
                assertThat(fieldNames(device)).containsExactly("id", "kind", "name", "driver");
            }
        }
    }

    @Test
    void presenceSensorsSayWhichRealDriverTheyStandForAndKeepTheSettingsTheirSimulationReads() throws IOException {
        new DemoConfigWriter(SETTINGS).write(inventory, out);

        assertThat(device("rozoy-pi", "compteur-entree").get("settings")).isEqualTo(YAML.readTree(
                "{simulates: " + PeopleCounterDriver.NAME + ", resetAt: '03:00'}"));
        assertThat(device("rozoy-pi", "presence-salle").get("settings")).isEqualTo(YAML.readTree(
                "{simulates: " + GpioPresenceDriver.NAME + ", holdSeconds: 120, room: salle}"));
        assertThat(device("rozoy-coworking-pi", "presence-salle-reunion").at("/settings/room").textValue())
                .as("the device's own room, not the profile's pin").isEqualTo("salle-reunion");
        assertThat(device("rozoy-coworking-pi", "presence-salle-reunion").at("/settings/pir").isMissingNode()).isTrue();
        assertThat(device("spi-pi", "sonde-4g").get("settings")).as("one simulation per kind: no simulates")
                .isEqualTo(YAML.readTree("{link: 4g}"));
    }

    @Test
    void everyDemoDeviceStartsItsSimulationFromTheRenderedFile() throws Exception {
        List<DemoConfigWriter.WrittenConfig> written = new DemoConfigWriter(SETTINGS).write(inventory, out);
        List<String> started = new ArrayList<>();
        for (DemoConfigWriter.WrittenConfig config : written) {
            // The agent's own loader, then the simulation each device asks for, as the demo runs them.
            NodeConfig node = new ConfigLoader(Map.of()).load(config.file());
            for (DeviceConfig device : node.devices()) {
                Device simulation = SimulatedDevices.create(node.node(), device);
                assertThat(simulation.read(Instant.parse("2026-12-01T09:30:00Z")).metrics()).isNotEmpty();
                started.add(node.node() + "/" + device.id());
            }
        }
        assertThat(started).hasSize(inventory.deviceCount()).contains("rozoy-pi/compteur-entree");
    }

    private JsonNode device(String node, String id) throws IOException {
        for (JsonNode device : read(node).get("devices")) {
            if (device.get("id").textValue().equals(id)) {
                return device;
            }
        }
        throw new AssertionError("no device " + id + " on " + node);
    }

    @Test
    void usesTheTelemetryIntervalItIsGiven() throws IOException {
        new DemoConfigWriter(new DemoSettings("ssl://hub.example:8883", 60)).write(inventory, out);

        assertThat(read("spi-pi").at("/telemetry/intervalSeconds").intValue()).isEqualTo(60);
        assertThat(read("spi-pi").at("/telemetry/simulatedHost").booleanValue())
                .as("many agents on one machine: each simulates its own temperature").isTrue();
        assertThat(read("spi-pi").at("/broker/url").textValue()).isEqualTo("ssl://hub.example:8883");
    }

    @Test
    void refusesSettingsTheAgentWouldRefuse() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DemoSettings("http://127.0.0.1:1883", 5))
                .withMessageContaining("must look like tcp://host:1883");
        assertThatIllegalArgumentException().isThrownBy(() -> new DemoSettings("tcp://127.0.0.1", 5))
                .withMessageContaining("must look like tcp://host:1883");
        assertThatIllegalArgumentException().isThrownBy(() -> new DemoSettings("tcp://127.0.0.1:1883", 0))
                .withMessageContaining("between 1 and 86400");
    }

    private JsonNode read(String node) throws IOException {
        return YAML.readTree(out.resolve(node).resolve("agent.yaml").toFile());
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<byte[]> contents(List<DemoConfigWriter.WrittenConfig> written) throws IOException {
        List<byte[]> contents = new ArrayList<>();
        for (DemoConfigWriter.WrittenConfig config : written) {
            contents.add(Files.readAllBytes(config.file()));
        }
        return contents;
    }
}
