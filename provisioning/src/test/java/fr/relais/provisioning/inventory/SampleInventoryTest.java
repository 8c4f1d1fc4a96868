package fr.relais.provisioning.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.SiteKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The territory's own inventory, shipped as the example, must always load. */
class SampleInventoryTest {
    static final Path SAMPLE = Path.of("examples", "territoire.yaml");
    private static Inventory inventory;

    @BeforeAll
    static void load() throws InventoryException {
        inventory = new InventoryLoader().load(SAMPLE);
    }

    @Test
    void describesTheWholeTerritory() {
        assertThat(inventory.territory()).isEqualTo("Communauté de communes des Portes de la Thiérache");
        assertThat(inventory.sites()).extracting(Site::id)
                .containsExactly("rozoy", "montcornet", "dizy-le-gros", "brunehamel", "rozoy-coworking", "spi");
        assertThat(inventory.sites()).extracting(Site::kind).containsExactly(SiteKind.MEDIATION, SiteKind.MEDIATION,
                SiteKind.MEDIATION, SiteKind.MEDIATION, SiteKind.COWORKING, SiteKind.VAN);
        assertThat(inventory.sites()).extracting(Site::commune).containsExactly("Rozoy-sur-Serre", "Montcornet",
                "Dizy-le-Gros", "Brunehamel", "Rozoy-sur-Serre", "Rozoy-sur-Serre");
    }

    @Test
    void hasOnePiPerSiteNamedAfterTheSite() {
        for (Site site : inventory.sites()) {
            assertThat(site.nodes()).extracting(Node::id).containsExactly(site.id() + "-pi");
        }
        assertThat(inventory.nodeCount()).isEqualTo(6);
    }

    @Test
    void inventsNoOfficialCode() {
        assertThat(inventory.sites()).allSatisfy(site -> assertThat(site.inseeCode()).isEmpty());
    }

    @Test
    void everyPlaceHasTheEquipmentOfItsKind() {
        for (Site site : inventory.sites()) {
            List<DeviceKind> kinds = kinds(site);
            assertThat(kinds).as(site.id()).contains(DeviceKind.KIOSK, DeviceKind.COMPUTER, DeviceKind.PRINTER,
                    DeviceKind.PROBE);
            if (site.kind() != SiteKind.VAN) {
                assertThat(kinds).as(site.id()).contains(DeviceKind.SCANNER, DeviceKind.PRESENCE_SENSOR);
            }
        }
        Site coworking = site("rozoy-coworking");
        assertThat(kinds(coworking)).contains(DeviceKind.BADGE_READER, DeviceKind.DOOR);
        assertThat(coworking.address()).hasValueSatisfying(address -> assertThat(address).contains("la Praille"));
    }

    @Test
    void probesSayWhichLinkEachPlaceHas() {
        Map<String, Object> links = inventory.sites().stream().collect(Collectors.toMap(Site::id,
                site -> site.nodes().get(0).devices().stream().filter(d -> d.kind() == DeviceKind.PROBE)
                        .findFirst().orElseThrow().settings().get("link").asText()));
        assertThat(links).containsExactlyInAnyOrderEntriesOf(Map.of("rozoy", "fibre", "montcornet", "adsl",
                "dizy-le-gros", "adsl", "brunehamel", "adsl", "rozoy-coworking", "fibre", "spi", "4g"));
    }

    @Test
    void everyPieceOfEquipmentButTheComputersHasItsHardwareDriver() {
        Map<DeviceKind, List<String>> drivers = devices().stream().collect(Collectors.groupingBy(Device::kind,
                Collectors.mapping(Device::driver, Collectors.toList())));
        assertThat(drivers.get(DeviceKind.PRINTER)).containsOnly("ipp").hasSize(6);
        assertThat(drivers.get(DeviceKind.SCANNER)).containsOnly("escl").hasSize(5);
        assertThat(drivers.get(DeviceKind.PROBE)).containsOnly("probe").hasSize(6);
        assertThat(drivers.get(DeviceKind.KIOSK)).containsOnly("kiosk-watch").hasSize(6);
        assertThat(drivers.get(DeviceKind.PRESENCE_SENSOR)).containsOnly("gpio-presence", "gpio-people-counter")
                .contains("gpio-people-counter");
        assertThat(drivers.get(DeviceKind.DOOR)).containsExactly("gpio-door");
        // The door's Wiegand reader and each kiosk's USB one (the technician's exit, the coworking's check-in).
        assertThat(drivers.get(DeviceKind.BADGE_READER)).containsOnly("wiegand", "evdev").hasSize(7)
                .containsOnlyOnce("wiegand");
        // No driver watches a public computer yet: they stay simulated, and their birth says so.
        assertThat(drivers.get(DeviceKind.COMPUTER)).containsOnly("simulated");
    }

    @Test
    void keepsEveryDriverSettingInTheProfilesButWhatDiffersPerDevice() {
        assertThat(devices()).filteredOn(device -> !device.setup().simulated())
                .allSatisfy(device -> assertThat(device.profile()).as(device.id()).isPresent());
        assertThat(inventory.profiles()).extracting(DeviceProfile::id).doesNotHaveDuplicates().hasSize(11);
        // A USB multifunction is reached through ipp-usb on its Pi, a network one by its name.
        assertThat(site("montcornet").nodes().get(0).devices()).filteredOn(device -> device.kind() == DeviceKind.PRINTER)
                .singleElement().satisfies(printer -> assertThat(printer.settings().get("uri").asText())
                        .isEqualTo("ipp://localhost:60000/ipp/print"));
        Device probe = site("spi").nodes().get(0).devices().get(0);
        assertThat(probe.settings().get("link").asText()).isEqualTo("4g");
        assertThat(probe.settings().get("targets").isArray()).as("a list, kept as a list").isTrue();
        assertThat(probe.settings().at("/throughput/everyHours").asInt()).isEqualTo(6);
        assertThat(probe.setup().pollSeconds()).hasValue(60);
    }

    @Test
    void theCoworkingPlacesTwoMotionSensorsUseTwoPins() {
        List<Device> sensors = site("rozoy-coworking").nodes().get(0).devices().stream()
                .filter(device -> device.driver().equals("gpio-presence")).toList();
        assertThat(sensors).extracting(device -> device.settings().get("pir").asInt()).containsExactly(16, 20);
        assertThat(sensors).extracting(device -> device.settings().get("holdSeconds").asInt()).containsOnly(120);
    }

    private static List<Device> devices() {
        return inventory.sites().stream().flatMap(site -> site.nodes().stream())
                .flatMap(node -> node.devices().stream()).toList();
    }

    private static Site site(String id) {
        return inventory.sites().stream().filter(site -> site.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<DeviceKind> kinds(Site site) {
        return site.nodes().get(0).devices().stream().map(Device::kind).toList();
    }
}
