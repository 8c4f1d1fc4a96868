package fr.relais.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.config.KioskApiSettings;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.simulated.SimulatedDevices;
import fr.relais.protocol.DeviceKind;
import fr.relais.provisioning.inventory.Inventory;
import fr.relais.provisioning.inventory.InventoryLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's kiosks can be left as a technician would, so a newcomer can try it: the demo PIN
 * {@code ./relais demo} prints, and whichever demo card the simulated reader under the kiosk reads.
 */
class DemoKioskExitTest {
    @TempDir
    Path out;

    @Test
    void everyDemoKioskOpensToADemoCardAndTheDemoPin() throws Exception {
        Inventory inventory = new InventoryLoader().load(Path.of("examples", "territoire.yaml"));
        new DemoConfigWriter(new DemoSettings("tcp://127.0.0.1:18830", 5)).write(inventory, out);
        Set<String> readCards = cardsTheSimulatedReaderReads();

        int kiosks = 0;
        for (var site : inventory.sites()) {
            for (var node : site.nodes()) {
                Path file = out.resolve(node.id()).resolve("agent.yaml");
                NodeConfig config = new ConfigLoader(Map.of()).load(file);
                if (!node.hasKiosk()) {
                    continue;
                }
                kiosks++;
                KioskApiSettings kiosk = config.kioskApi().orElseThrow();
                assertThat(kiosk.maintenancePin().orElseThrow().matches(DemoMaintenance.PIN)).as(node.id()).isTrue();
                assertThat(kiosk.maintenancePin().orElseThrow().matches("0000")).isFalse();
                assertThat(kiosk.technicianBadges()).as(node.id()).containsExactlyInAnyOrderElementsOf(readCards);
                assertThat(kiosk.reader()).as(node.id() + ": a reader to read the card").isPresent();
                assertThat(kiosk.ticketPrinter()).as("no real printer in a demo").isEmpty();
                // Not the inventory's own PIN hash: a demo never opens with a real place's PIN, nor the reverse.
                assertThat(Files.readString(file)).doesNotContain("182+Ywwdd+PH0Vsd1+dovA==");
            }
        }
        assertThat(kiosks).isEqualTo(6);
    }

    @Test
    void theDemoBannerPrintsThePinTheConfigurationsAccept() throws Exception {
        // ./relais demo prints "Kiosk exit: … PIN $DEMO_KIOSK_PIN" from its own copy of the PIN.
        assertThat(Files.readAllLines(Path.of("..", "relais"))).contains("DEMO_KIOSK_PIN=" + DemoMaintenance.PIN)
                .anyMatch(line -> line.contains("Kiosk exit:"));
    }

    @Test
    void theDemoPinsHashIsTheSameAtEveryRenderAndDiffersFromNodeToNode() {
        assertThat(DemoMaintenance.pinHash("montcornet-pi")).isEqualTo(DemoMaintenance.pinHash("montcornet-pi"))
                .isNotEqualTo(DemoMaintenance.pinHash("rozoy-pi"));
    }

    /** What the edge agent's simulated badge reader reports over many reads: the five demo cards. */
    private static Set<String> cardsTheSimulatedReaderReads() throws Exception {
        DeviceConfig reader = new DeviceConfig("lecteur-borne", DeviceKind.BADGE_READER, "Lecteur",
                DeviceConfig.SIMULATED, java.time.Duration.ofSeconds(5), DeviceConfig.DEFAULT_READ_TIMEOUT, Map.of());
        Set<String> cards = new HashSet<>();
        try (Device device = SimulatedDevices.create("montcornet-pi", reader)) {
            Instant now = Instant.parse("2026-12-06T10:00:00Z");
            for (int i = 0; i < 2_000; i++) {
                for (DeviceEvent event : device.read(now.plusSeconds(5L * i)).events()) {
                    cards.add((String) event.data().get("badgeHash"));
                }
            }
        }
        assertThat(cards).hasSize(DemoMaintenance.DEMO_CARDS);
        return cards;
    }
}
