package fr.relais.provisioning.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

/**
 * A device's driver: its own, its profile's with its own settings laid over, or the simulation
 * when it names none. Settings are kept as the tree the inventory wrote, lists and objects
 * included; the edge agent's check judges them (AgentConfigCheckTest), not the loader.
 */
class DeviceProfileTest {
    private static final JsonMapper JSON = new JsonMapper();

    private static final String INVENTORY = """
            territory: T
            profiles:
              - id: sonde-liaison
                driver: probe
                pollSeconds: 60
                settings:
                  targets: ["9.9.9.9", "1.1.1.1"]
                  throughput: { url: "https://x/10MB.bin", maxBytes: 10000000 }
                  link: adsl
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
                        pollSeconds: 30
                        settings: { link: fibre, dns: "www.service-public.fr" }
                      - id: imprimante
                        kind: printer
                        name: Imprimante
                        driver: ipp
                        readTimeoutSeconds: 20
                        settings:
                          uri: "ipp://localhost:60000/ipp/print"
                          supplies: [{ name: toner, warnAt: 15 }]
                      - id: poste
                        kind: computer
                        name: Poste
            """;

    @Test
    void aDeviceTakesItsProfilesDriverAndSettingsAndReplacesWhatItSaysItself() throws Exception {
        Inventory inventory = new InventoryLoader().parse("t.yaml", INVENTORY);
        Device probe = device(inventory, 0);

        assertThat(probe.driver()).isEqualTo("probe");
        assertThat(probe.profile()).hasValue("sonde-liaison");
        assertThat(probe.settings()).isEqualTo(JSON.readTree("""
                {"targets": ["9.9.9.9", "1.1.1.1"], "throughput": {"url": "https://x/10MB.bin", "maxBytes": 10000000},
                 "link": "fibre", "dns": "www.service-public.fr"}"""));
        assertThat(probe.setup().pollSeconds()).hasValue(30);
        assertThat(probe.setup().readTimeoutSeconds()).isEmpty();
        assertThat(inventory.profiles()).singleElement().satisfies(profile -> {
            assertThat(profile.setup().settings().get("link").asText()).as("the profile itself unchanged").isEqualTo("adsl");
            assertThat(profile.setup().pollSeconds()).hasValue(60);
        });
    }

    @Test
    void keepsNestedSettingsAsTheInventoryWroteThem() throws Exception {
        Device printer = device(new InventoryLoader().parse("t.yaml", INVENTORY), 1);

        assertThat(printer.driver()).isEqualTo("ipp");
        assertThat(printer.profile()).isEmpty();
        JsonNode supplies = printer.settings().get("supplies");
        assertThat(supplies.isArray()).isTrue();
        assertThat(supplies.get(0).get("warnAt").asInt()).isEqualTo(15);
        assertThat(printer.setup().readTimeoutSeconds()).hasValue(20);
    }

    @Test
    void aDeviceThatNamesNoDriverIsSimulatedAsBefore() throws Exception {
        Device computer = device(new InventoryLoader().parse("t.yaml", INVENTORY), 2);

        assertThat(computer.driver()).isEqualTo(DriverSetup.SIMULATED);
        assertThat(computer.setup().simulated()).isTrue();
        assertThat(computer.settings().isEmpty()).isTrue();
    }

    @Test
    void settingsHandedOutCannotChangeTheInventory() throws Exception {
        Device probe = device(new InventoryLoader().parse("t.yaml", INVENTORY), 0);
        probe.settings().put("link", "pigeon");
        assertThat(probe.settings().get("link").asText()).isEqualTo("fibre");
    }

    @Test
    void refusesAnUnknownProfile() {
        Refusals.assertRefused(INVENTORY.replace("profile: sonde-liaison", "profile: sonde-fibre  # <-"),
                "sites[0].nodes[0].devices[0].profile", "no profile 'sonde-fibre' in profiles: (sonde-liaison)");
    }

    @Test
    void refusesAProfileAndADriverOnOneDevice() {
        Refusals.assertRefused(INVENTORY.replace("profile: sonde-liaison",
                        "profile: sonde-liaison\n            driver: probe  # <-"), "sites[0].nodes[0].devices[0].driver",
                "the device follows profile 'sonde-liaison', which names its driver: give one or the other");
    }

    @Test
    void refusesTwoProfilesWithOneIdAndAProfileWithoutDriver() {
        Refusals.assertRefused(INVENTORY.replace("    driver: probe\n",
                        "    driver: probe\n  - id: sonde-liaison  # <-\n    driver: probe\n"), "profiles[1].id",
                "'sonde-liaison' is already the id of another profile");
        Refusals.assertRefused(INVENTORY.replace("    driver: probe\n", "    drivr: probe\n")
                .replace("  - id: sonde-liaison\n", "  - id: sonde-liaison  # <-\n"), "profiles[0].driver", "is required");
    }

    @Test
    void refusesABlankDriverAndATimingThatIsNotAWholeNumber() {
        Refusals.assertRefused(INVENTORY.replace("driver: ipp", "driver: \" \"  # <-"),
                "sites[0].nodes[0].devices[1].driver", "must not be blank");
        Refusals.assertRefused(INVENTORY.replace("readTimeoutSeconds: 20", "readTimeoutSeconds: 2.5  # <-"),
                "sites[0].nodes[0].devices[1].readTimeoutSeconds", "must be an integer");
    }

    private static Device device(Inventory inventory, int index) {
        return inventory.sites().get(0).nodes().get(0).devices().get(index);
    }
}
