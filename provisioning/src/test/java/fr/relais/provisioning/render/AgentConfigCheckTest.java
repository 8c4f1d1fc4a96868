package fr.relais.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import fr.relais.provisioning.inventory.Inventory;
import fr.relais.provisioning.inventory.InventoryException;
import fr.relais.provisioning.inventory.InventoryLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The edge agent's loader judges each device's driver and settings, and provisioning names the
 * inventory line at fault (marked {@code # <-} in each document): the device's own, or its
 * profile's when the value comes from there.
 */
class AgentConfigCheckTest {
    private static final String HEAD = """
            territory: T
            profiles:
              - id: imprimante-usb
                driver: test-ipp
                settings:
                  uri: "ipp://localhost:60000/ipp/print"
                  tonerWarningPercent: 15
            sites:
              - id: rozoy
                name: Rozoy
                kind: mediation
                commune: Rozoy-sur-Serre
                nodes:
                  - id: rozoy-pi
                    devices:
            """;

    @Test
    void acceptsDriversTheAgentKnowsWithSettingsTheyAccept() {
        assertThatCode(() -> check(HEAD + """
                          - id: imprimante
                            kind: printer
                            name: Imprimante
                            profile: imprimante-usb
                            settings: { throughput: { maxBytes: 5000 } }
                          - id: lecteur
                            kind: badge-reader
                            name: Lecteur
                            driver: test-wiegand
                          - id: poste
                            kind: computer
                            name: Poste
                """)).doesNotThrowAnyException();
    }

    @Test
    void namesADriverTheAgentDoesNotHave() {
        refused(HEAD + """
                          - id: imprimante
                            kind: printer
                            name: Imprimante
                            driver: ipx  # <-
                """, "sites[0].nodes[0].devices[0].driver", "no driver 'ipx' in this version of the agent (available: "
                + "simulated, test-ipp, test-wiegand)");
    }

    @Test
    void namesAKindTheDriverDoesNotDrive() {
        refused(HEAD + """
                          - id: scanner
                            kind: scanner  # <-
                            name: Scanner
                            profile: imprimante-usb
                """, "sites[0].nodes[0].devices[0].kind", "driver 'test-ipp' drives [printer], not 'scanner'");
    }

    @Test
    void namesTheDevicesOwnSettingWhenItIsRefused() {
        refused(HEAD + """
                          - id: imprimante
                            kind: printer
                            name: Imprimante
                            profile: imprimante-usb
                            settings:
                              uri: "http://imprimante.local/"  # <-
                """, "sites[0].nodes[0].devices[0].settings.uri", "'http://imprimante.local/' is not an ipp:// URI");
    }

    @Test
    void namesANestedSetting() {
        refused(HEAD + """
                          - id: imprimante
                            kind: printer
                            name: Imprimante
                            driver: test-ipp
                            settings:
                              uri: "ipp://imprimante.local/ipp/print"
                              throughput:
                                maxBytes: 0  # <-
                """, "sites[0].nodes[0].devices[0].settings.throughput.maxBytes", "must be between 1 and 100000000");
    }

    @Test
    void namesTheProfilesLineWhenTheSettingComesFromThere() {
        refused("""
                territory: T
                profiles:
                  - id: imprimante-usb
                    driver: test-ipp
                    settings:
                      uri: "ipp://localhost:60000/ipp/print"
                      tonerWarningPercent: 150  # <-
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
                            profile: imprimante-usb
                            settings: { token: abc }
                """, "profiles[0].settings.tonerWarningPercent", "must be between 0 and 100, got 150");
    }

    @Test
    void aProfilesUnknownDriverIsNamedOnTheProfile() {
        refused("""
                territory: T
                profiles:
                  - id: borne
                    driver: kiosk-whatever  # <-
                sites:
                  - id: rozoy
                    name: Rozoy
                    kind: mediation
                    commune: Rozoy-sur-Serre
                    nodes:
                      - id: rozoy-pi
                        devices:
                          - id: borne
                            kind: kiosk
                            name: Borne
                            profile: borne
                """, "profiles[0].driver", "no driver 'kiosk-whatever'");
    }

    @Test
    void aMissingSettingIsNamedWhereItShouldBe() {
        refused(HEAD + """
                          - id: imprimante  # <-
                            kind: printer
                            name: Imprimante
                            driver: test-ipp
                """, "sites[0].nodes[0].devices[0].settings", "is required");
        refused("""
                territory: T
                profiles:
                  - id: imprimante-usb  # <-
                    driver: test-ipp
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
                            profile: imprimante-usb
                """, "profiles[0].settings", "is required");
    }

    @Test
    void namesATimingTheAgentRefuses() {
        refused(HEAD + """
                          - id: imprimante
                            kind: printer
                            name: Imprimante
                            profile: imprimante-usb
                            pollSeconds: 0  # <-
                """, "sites[0].nodes[0].devices[0].pollSeconds", "must be between 1 and 86400, got 0");
    }

    @Test
    void namesTheRightNodeAndDevice() {
        refused(HEAD + """
                          - id: poste
                            kind: computer
                            name: Poste
                      - id: rozoy-pi-2
                        devices:
                          - id: poste
                            kind: computer
                            name: Poste
                          - id: imprimante
                            kind: printer
                            name: Imprimante
                            driver: test-ipp
                            settings: { uri: "lpd://x" }  # <-
                """, "sites[0].nodes[1].devices[1].settings.uri", "'lpd://x' is not an ipp:// URI");
    }

    @Test
    void leavesEnvironmentReferencesToThePiAndChecksTheirDefaults() throws InventoryException {
        // ${NAME} is for the Pi's /etc/relais/agent.env: a text setting passes as it is.
        check(HEAD + """
                          - id: imprimante
                            kind: printer
                            name: Imprimante
                            profile: imprimante-usb
                            settings: { token: "${PRINTER_TOKEN}" }
                """);
        check(HEAD + """
                          - id: imprimante
                            kind: printer
                            name: Imprimante
                            driver: test-ipp
                            settings: { uri: "${PRINTER_URI:-ipp://localhost:60000/ipp/print}" }
                """);
        // A setting that must be a URI is checked as written: give it a default.
        refused(HEAD + """
                          - id: imprimante
                            kind: printer
                            name: Imprimante
                            driver: test-ipp
                            settings: { uri: "${PRINTER_URI}" }  # <-
                """, "sites[0].nodes[0].devices[0].settings.uri", "'${PRINTER_URI}' is not an ipp:// URI");
    }

    @Test
    void simulatedEverythingRunsWhateverTheDrivers() throws InventoryException {
        String realOnly = """
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
                            settings: { uri: "ipp://x/ipp/print", supplies: [toner, drum] }
                          - id: sonde
                            kind: probe
                            name: Sonde
                            driver: probe
                            settings: { link: adsl, targets: [9.9.9.9] }
                """;
        Inventory inventory = new InventoryLoader(new AgentConfigCheck(DriverMode.SIMULATED)).parse("t.yaml", realOnly);
        assertThat(inventory.deviceCount()).isEqualTo(2);
        // As the inventory says, the agent's real ipp driver reads these settings, and refuses one.
        InventoryException e = refusedBy(new AgentConfigCheck(DriverMode.AS_INVENTORY), realOnly);
        assertThat(e.field()).isEqualTo("sites[0].nodes[0].devices[0].settings.supplies");
    }

    private static void check(String yaml) throws InventoryException {
        new InventoryLoader(new AgentConfigCheck(DriverMode.AS_INVENTORY, TestDrivers.registry())).parse("t.yaml", yaml);
    }

    private static void refused(String yaml, String field, String reason) {
        InventoryException e = refusedBy(new AgentConfigCheck(DriverMode.AS_INVENTORY, TestDrivers.registry()), yaml);
        assertThat(e.getMessage()).startsWith("t.yaml line " + marked(yaml) + ", " + field + ": ").contains(reason);
        assertThat(e.field()).isEqualTo(field);
    }

    private static InventoryException refusedBy(AgentConfigCheck check, String yaml) {
        try {
            new InventoryLoader(check).parse("t.yaml", yaml);
        } catch (InventoryException e) {
            return e;
        }
        throw new AssertionError("the inventory was accepted");
    }

    private static int marked(String yaml) {
        List<String> lines = yaml.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("# <-")) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no line marked # <-");
    }
}
