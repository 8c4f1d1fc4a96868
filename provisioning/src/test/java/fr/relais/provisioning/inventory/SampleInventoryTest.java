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
                        .findFirst().orElseThrow().settings().get("link")));
        assertThat(links).containsExactlyInAnyOrderEntriesOf(Map.of("rozoy", "fibre", "montcornet", "adsl",
                "dizy-le-gros", "adsl", "brunehamel", "adsl", "rozoy-coworking", "fibre", "spi", "4g"));
    }

    @Test
    void onlyProbesCarrySettings() {
        assertThat(inventory.sites()).flatExtracting(Site::nodes).flatExtracting(Node::devices)
                .filteredOn(device -> !device.settings().isEmpty())
                .allSatisfy(device -> assertThat(device.kind()).isEqualTo(DeviceKind.PROBE))
                .hasSize(6);
    }

    private static Site site(String id) {
        return inventory.sites().stream().filter(site -> site.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<DeviceKind> kinds(Site site) {
        return site.nodes().get(0).devices().stream().map(Device::kind).toList();
    }
}
