package fr.relais.provisioning.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the values mean: ids MQTT can carry and that are unique where they must be, kinds that
 * exist, lists that must not be empty. The expected line is the one marked {@code # <-}.
 */
class InventoryContentRejectionTest {
    @Test
    void refusesTwoSitesWithTheSameId() {
        Refusals.assertRefused("""
                territory: T
                sites:
                  - id: rozoy
                    name: Rozoy
                    kind: mediation
                    commune: Rozoy-sur-Serre
                    nodes:
                      - id: rozoy-pi
                        devices: []
                  - id: rozoy  # <-
                    name: Rozoy again
                    kind: coworking
                    commune: Rozoy-sur-Serre
                    nodes:
                      - id: rozoy-coworking-pi
                        devices: []
                """, "sites[1].id", "'rozoy' is already the id of another site (sites[0].id, line 3)");
    }

    @Test
    void refusesTwoNodesWithTheSameIdEvenAtDifferentSites() {
        Refusals.assertRefused("""
                territory: T
                sites:
                  - id: rozoy
                    name: Rozoy
                    kind: mediation
                    commune: Rozoy-sur-Serre
                    nodes:
                      - id: pi
                        devices: []
                  - id: montcornet
                    name: Montcornet
                    kind: mediation
                    commune: Montcornet
                    nodes:
                      - id: pi  # <-
                        devices: []
                """, "sites[1].nodes[0].id", "'pi' is already the id of another node (sites[0].nodes[0].id, line 8)");
    }

    @Test
    void refusesTwoDevicesWithTheSameIdInOneNode() {
        Refusals.assertRefused("""
                territory: T
                sites:
                  - id: rozoy
                    name: Rozoy
                    kind: mediation
                    commune: Rozoy-sur-Serre
                    nodes:
                      - id: rozoy-pi
                        devices:
                          - id: poste
                            kind: computer
                            name: Poste 1
                          - id: poste  # <-
                            kind: computer
                            name: Poste 2
                """, "sites[0].nodes[0].devices[1].id", "'poste' is already the id of another device of this node");
    }

    @Test
    void acceptsTheSameDeviceIdInTwoNodes() throws InventoryException {
        Inventory inventory = new InventoryLoader().parse("territoire.yaml", """
                territory: T
                sites:
                  - id: rozoy
                    name: Rozoy
                    kind: mediation
                    commune: Rozoy-sur-Serre
                    nodes:
                      - id: rozoy-pi
                        devices: [ { id: kiosk, kind: kiosk, name: Borne } ]
                      - id: rozoy-pi-2
                        devices: [ { id: kiosk, kind: kiosk, name: Borne } ]
                """);
        assertThat(inventory.deviceCount()).isEqualTo(2);
    }

    @Test
    void refusesASiteWithoutNodes() {
        Refusals.assertRefused("""
                territory: T
                sites:
                  - id: rozoy
                    name: Rozoy
                    kind: mediation
                    commune: Rozoy-sur-Serre
                    nodes: []  # <-
                """, "sites[0].nodes", "a site needs at least one node");
    }

    @Test
    void refusesASiteWhoseNodesAreMissing() {
        Refusals.assertRefused("""
                territory: T
                sites:
                  - id: rozoy  # <-
                    name: Rozoy
                    kind: mediation
                    commune: Rozoy-sur-Serre
                """, "sites[0].nodes", "is required");
    }

    @Test
    void refusesATerritoryWithoutSites() {
        Refusals.assertRefused("""
                territory: T
                sites: []  # <-
                """, "sites", "must list at least one site");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rozoy/pi", "rozoy+pi", "rozoy#pi", "Rozoy-pi", "-rozoy", "rozoy pi", "rozoy_pi", ""})
    void refusesANodeIdThatMqttCannotCarry(String id) {
        String yaml = """
                territory: T
                sites:
                  - id: rozoy
                    name: Rozoy
                    kind: mediation
                    commune: Rozoy-sur-Serre
                    nodes:
                      - id: "%s"  # <-
                        devices: []
                """.formatted(id);
        Refusals.assertRefused(yaml, "sites[0].nodes[0].id", id.isEmpty() ? "must not be empty" : "'" + id + "' must be lower-case");
    }

    @Test
    void refusesASiteIdWithUpperCase() {
        Refusals.assertRefused("""
                territory: T
                sites:
                  - id: Rozoy  # <-
                    name: Rozoy
                    kind: mediation
                    commune: Rozoy-sur-Serre
                    nodes: [ { id: rozoy-pi, devices: [] } ]
                """, "sites[0].id", "'Rozoy' must be lower-case letters, digits and '-'");
    }

    @Test
    void refusesAnUnknownSiteKind() {
        Refusals.assertRefused("""
                territory: T
                sites:
                  - id: rozoy
                    name: Rozoy
                    kind: mairie  # <-
                    commune: Rozoy-sur-Serre
                    nodes: [ { id: rozoy-pi, devices: [] } ]
                """, "sites[0].kind", "'mairie' is not one of: mediation, coworking, van");
    }

    @Test
    void refusesADeviceKindThatDoesNotExist() {
        Refusals.assertRefused("""
                territory: T
                sites:
                  - id: rozoy
                    name: Rozoy
                    kind: mediation
                    commune: Rozoy-sur-Serre
                    nodes:
                      - id: rozoy-pi
                        devices:
                          - id: kiosk
                            kind: kiosk
                            name: Borne
                          - id: grille-pain
                            kind: toaster  # <-
                            name: Grille-pain
                """, "sites[0].nodes[0].devices[1].kind", "'toaster' is not one of: kiosk, computer, printer, scanner, "
                + "probe, badge-reader, door, presence-sensor");
    }

    @Test
    void refusesAnInseeCodeThatIsNotOne() {
        Refusals.assertRefused("""
                territory: T
                sites:
                  - id: rozoy
                    name: Rozoy
                    kind: mediation
                    commune: Rozoy-sur-Serre
                    inseeCode: "2666"  # <-
                    nodes: [ { id: rozoy-pi, devices: [] } ]
                """, "sites[0].inseeCode", "is not an INSEE commune code");
    }
}
