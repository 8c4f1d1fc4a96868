package fr.relais.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.KioskApiSettings;
import fr.relais.agent.localapi.MaintenancePin;
import fr.relais.provisioning.inventory.Inventory;
import fr.relais.provisioning.inventory.InventoryException;
import fr.relais.provisioning.inventory.InventoryLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The kiosk's technician exit and ticket printer, written on the kiosk device (or its profile) of
 * the inventory and rendered into the agent's {@code kioskApi}: the PIN only as its hash, refused
 * with the inventory's field named (line marked {@code # <-}) when the agent would refuse it.
 */
class KioskExitSettingsTest {
    private static final String PIN = "13579";
    private static final String PIN_HASH = MaintenancePin.hash(PIN);
    private static final String TECHNICIAN = "ab".repeat(32);
    private static final NodeAgentConfig.SiteKeys KEYS = new NodeAgentConfig.SiteKeys("k".repeat(43),
            fr.relais.provisioning.secrets.AccessSigningKey.generate().publicKey());
    private static final NodeAgentConfig.Connection CONNECTION = new NodeAgentConfig.Connection(
            "tcp://localhost:1883", Optional.of("rozoy-pi.1"), Optional.of("secret"), false, false);

    private static String inventory(String profileSettings, String kioskSettings) {
        return """
                territory: T
                profiles:
                  - id: borne
                    driver: simulated
                    settings: %s
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
                            settings: %s
                          - id: lecteur
                            kind: badge-reader
                            name: Lecteur
                            driver: test-wiegand
                """.formatted(profileSettings, kioskSettings);
    }

    @Test
    void theRenderedFileOpensTheExitToTheTechnicianAndThePinItWasMadeFrom() throws Exception {
        Inventory inventory = check(inventory("{ maintenancePin: \"" + PIN_HASH + "\" }",
                "{ reader: lecteur, technicianBadges: [\"" + TECHNICIAN + "\"], ticketPrinter: {type: network,"
                        + " host: 192.168.1.50} }"));
        String text = NodeAgentConfig.render(inventory.sites().get(0), inventory.sites().get(0).nodes().get(0),
                CONNECTION, KEYS, DriverMode.AS_INVENTORY);

        // Round trip: the agent's own loader reads what provisioning wrote.
        KioskApiSettings kiosk = new ConfigLoader(Map.of(), TestDrivers.registry()).parse(text, Path.of("")).kioskApi().orElseThrow();
        assertThat(kiosk.reader()).contains("lecteur");
        assertThat(kiosk.maintenancePin().orElseThrow().matches(PIN)).isTrue();
        assertThat(kiosk.maintenancePin().orElseThrow().matches("97531")).isFalse();
        assertThat(kiosk.technicianBadges()).containsExactly(TECHNICIAN);
        assertThat(kiosk.ticketPrinter()).contains(new KioskApiSettings.NetworkPrinter("192.168.1.50", 9100));
        assertThat(text).doesNotContain(PIN + "\n").doesNotContain("\"" + PIN + "\"");
        JsonNode kioskDevice = new YAMLMapper().readTree(text).at("/devices/0");
        assertThat(kioskDevice.has("settings")).as("none of them is the kiosk watch's setting").isFalse();
    }

    @Test
    void aPinWrittenInClearIsRefusedOnItsLineWithHowToMakeTheHash() {
        refused(inventory("{}", "{ reader: lecteur, maintenancePin: \"1234\" }  # <-"),
                "sites[0].nodes[0].devices[0].settings.maintenancePin", "must look like pbkdf2-sha256$",
                "relais-provision hash-pin");
        refused(inventory("{ maintenancePin: \"pbkdf2-sha256$12$c2FsdA==$eA==\" }  # <-", "{ reader: lecteur }"),
                "profiles[0].settings.maintenancePin", "iteration count must be between");
    }

    @Test
    void aBadgeNumberIsRefusedWhereAKeyedHashIsDue() {
        refused(inventory("{ maintenancePin: \"" + PIN_HASH + "\" }",
                "{ reader: lecteur, technicianBadges: [\"0012345678\"] }  # <-"),
                "sites[0].nodes[0].devices[0].settings.technicianBadges[0]",
                "must be a keyed badge hash (64 lower-case hex), never a badge number",
                "relais-provision badge-hash --site SITE --out DIR");
    }

    @Test
    void aTicketPrinterTheAgentCannotDriveIsNamed() {
        refused(inventory("{}", "{ ticketPrinter: {type: serial} }  # <-"),
                "sites[0].nodes[0].devices[0].settings.ticketPrinter.type", "'serial' is not network or usb");
    }

    @Test
    void anExitNobodyCouldUseIsRefused() {
        refused(inventory("{ maintenancePin: \"" + PIN_HASH + "\" }",
                "{ ticketPrinter: {type: usb, path: /dev/usb/lp0} }  # <-"),
                "sites[0].nodes[0].devices[0].settings.reader", "is required with maintenancePin or technicianBadges");
        refused(inventory("{}", "{ reader: lecteur, technicianBadges: [\"" + TECHNICIAN + "\"] }  # <-"),
                "sites[0].nodes[0].devices[0].settings.maintenancePin", "is required with technicianBadges");
        refused(inventory("{}", "{ reader: poste }  # <-"),
                "sites[0].nodes[0].devices[0].settings.reader", "'poste' is not a badge-reader device of this node");
    }

    private static Inventory check(String yaml) throws InventoryException {
        return new InventoryLoader(new AgentConfigCheck(DriverMode.AS_INVENTORY, TestDrivers.registry()))
                .parse("t.yaml", yaml);
    }

    private static void refused(String yaml, String field, String... reasons) {
        InventoryException e;
        try {
            check(yaml);
            throw new AssertionError("the inventory was accepted");
        } catch (InventoryException refused) {
            e = refused;
        }
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).startsWith("t.yaml line " + marked(yaml) + ", " + field + ": ").contains(reasons);
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
