package fr.relais.provisioning.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The shape of the document: YAML that is malformed or surprising, fields unknown, missing or of
 * the wrong type. The expected line is the one marked {@code # <-} in each document.
 */
class InventoryShapeRejectionTest {
    @Test
    void refusesAnUnknownFieldOfASite() {
        Refusals.assertRefused("""
                territory: T
                sites:
                  - id: rozoy
                    name: Rozoy
                    kind: mediation
                    commune: Rozoy-sur-Serre
                    colour: red  # <-
                    nodes:
                      - id: rozoy-pi
                        devices: []
                """, "sites[0].colour", "unknown field");
    }

    @Test
    void namesABlankKeyByItsQuotes() {
        // Found by InventoryFuzzTest: an empty or blank key was reported with an empty or blank field.
        Refusals.assertRefused("""
                territory: T
                "": red  # <-
                sites:
                  - id: rozoy
                    name: Rozoy
                    kind: mediation
                    commune: Rozoy-sur-Serre
                    nodes:
                      - id: rozoy-pi
                        devices: []
                """, "\"\"", "unknown field");
        Refusals.assertRefused("""
                territory: T
                " ": e:  # <-
                """, "\" \"", "not valid YAML");
    }

    @Test
    void refusesAnUnknownFieldOfADevice() {
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
                            drivers: simulated  # <-
                """, "sites[0].nodes[0].devices[0].drivers", "unknown field");
    }

    @Test
    void refusesAMissingFieldOnTheLineOfItsParent() {
        Refusals.assertRefused("""
                territory: T
                sites:
                  - id: rozoy
                    name: Rozoy
                    kind: mediation
                    commune: Rozoy-sur-Serre
                    nodes: [ { id: rozoy-pi, devices: [] } ]
                  - id: montcornet  # <-
                    kind: mediation
                    commune: Montcornet
                    nodes:
                      - id: montcornet-pi
                        devices: []
                """, "sites[1].name", "is required");
    }

    @Test
    void refusesAMissingTerritory() {
        Refusals.assertRefused("""
                sites:  # <-
                  - id: rozoy
                """, "territory", "is required");
    }

    @Test
    void refusesMalformedYaml() {
        Refusals.assertRefused("""
                territory: T
                sites:
                  - id: rozoy
                    name: Rozoy
                     kind: mediation  # <-
                """, "sites[0].name", "not valid YAML");
    }

    @Test
    void refusesAnUnclosedList() {
        Refusals.assertRefused("""
                territory: T
                sites:
                  - id: rozoy
                    name: Rozoy
                    kind: mediation
                    commune: Rozoy-sur-Serre
                    nodes: [ { id: rozoy-pi, devices: [] }
                    address: somewhere  # <-
                """, "sites[0].nodes", "not valid YAML");
    }

    @Test
    void refusesAKeyGivenTwice() {
        Refusals.assertRefused("""
                territory: T
                sites:
                  - id: rozoy
                    name: Rozoy
                    kind: mediation
                    name: Rozoy again  # <-
                """, "sites[0].name", "the key 'name' is given twice in the same mapping (first on line 4)");
    }

    @Test
    void refusesSettingsThatAreNotAnObject() {
        // What is inside is the driver's to judge (the edge agent's check); the block itself must be one.
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
                          - id: sonde
                            kind: probe
                            name: Sonde
                            settings: [adsl, 4g]  # <-
                """, "sites[0].nodes[0].devices[0].settings", "must be an object");
    }

    @Test
    void refusesABlankName() {
        Refusals.assertRefused("""
                territory: T
                sites:
                  - id: rozoy
                    name: "  "  # <-
                    kind: mediation
                    commune: Rozoy-sur-Serre
                    nodes: [ { id: rozoy-pi, devices: [] } ]
                """, "sites[0].name", "must not be blank");
    }

    @Test
    void refusesAnUnquotedInseeCodeThatYamlReadsAsANumber() {
        Refusals.assertRefused("""
                territory: T
                sites:
                  - id: rozoy
                    name: Rozoy
                    kind: mediation
                    commune: Rozoy-sur-Serre
                    inseeCode: 12345  # <-
                    nodes: [ { id: rozoy-pi, devices: [] } ]
                """, "sites[0].inseeCode", "must be a text");
    }

    @Test
    void refusesYamlAliases() {
        Refusals.assertRefused("""
                territory: &t T
                sites:
                  - id: rozoy
                    name: *t  # <-
                """, "sites[0].name", "YAML aliases ('*t') are not supported");
    }

    @Test
    void refusesASecondDocument() {
        Refusals.assertRefused("""
                territory: T
                sites:
                  - id: rozoy
                    name: Rozoy
                    kind: mediation
                    commune: Rozoy-sur-Serre
                    nodes: [ { id: rozoy-pi, devices: [] } ]
                ---
                territory: U  # <-
                """, "document", "a second YAML document");
    }

    @Test
    void refusesAnEmptyDocument() {
        Refusals.assertRefused("# nothing yet  # <-\n", "document", "is empty");
    }

    @Test
    void refusesADocumentThatIsNotAMapping() {
        Refusals.assertRefused("""
                - rozoy  # <-
                - montcornet
                """, "document", "must be an object, got an array");
    }

    @Test
    void namesTheFileWhenItCannotBeRead() {
        InventoryException e = Refusals.refused(() -> new InventoryLoader().load(Path.of("no-such-inventory.yaml")));
        assertThat(e.getMessage()).isEqualTo("no-such-inventory.yaml: no such file");
        assertThat(e.line()).isZero();
    }
}
