package fr.relais.provisioning.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.config.NodeConfig;
import fr.relais.provisioning.inventory.Device;
import fr.relais.provisioning.inventory.Inventory;
import fr.relais.provisioning.inventory.InventoryLoader;
import fr.relais.provisioning.inventory.Node;
import fr.relais.provisioning.inventory.Site;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample territory as a real deployment renders it, with the hardware drivers it names: the
 * edge agent accepts every node's agent.yaml. Every other test of the sample renders it with
 * --simulated, and is about the broker or the demo; this one is about the drivers.
 */
class SampleWithRealDriversTest {
    @Test
    void validateAcceptsTheSampleWithItsDrivers(@TempDir Path temp) throws Exception {
        RenderedDeployment.Run run = new RenderedDeployment(temp).provisionAsGiven("validate", "--inventory",
                RenderedDeployment.SAMPLE.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("valid");
    }

    @Test
    void everyRenderedNodeLoadsInTheAgentWithTheDriversOfTheInventory(@TempDir Path temp) throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        RenderedDeployment.Run run = deployment.provisionAsGiven("render", "--inventory",
                deployment.inventory.toString(), "--out", deployment.root.toString());
        assertThat(run.exit()).as(run.err()).isZero();

        Inventory inventory = new InventoryLoader().load(deployment.inventory);
        for (Site site : inventory.sites()) {
            for (Node node : site.nodes()) {
                NodeConfig config = new ConfigLoader(Map.of())
                        .load(deployment.root.resolve("nodes").resolve(node.id()).resolve("agent.yaml"));
                assertThat(config.devices()).extracting(DeviceConfig::driver)
                        .containsExactlyElementsOf(node.devices().stream().map(Device::driver).toList());
                assertThat(config.badgeHashKey()).isPresent();
                assertThat(config.access().isPresent()).as(node.id() + ": the hub's access-list key at a door's place")
                        .isEqualTo(site.hasDoor());
                // Every kiosk can be left by a technician: its reader, and the PIN's hash, never a PIN.
                assertThat(config.kioskApi().isPresent()).as(node.id()).isEqualTo(node.hasKiosk());
                config.kioskApi().ifPresent(kiosk -> {
                    assertThat(kiosk.reader()).as(node.id()).contains("lecteur-borne");
                    assertThat(kiosk.maintenancePin()).as(node.id()).isPresent();
                    assertThat(kiosk.maintenancePin().orElseThrow().matches("1234")).isFalse();
                });
                var rendered = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(deployment.root
                        .resolve("nodes").resolve(node.id()).resolve("agent.yaml").toFile());
                rendered.get("devices").forEach(device -> assertThat(device.path("settings").has("maintenancePin")
                        || device.path("settings").has("reader")).as("the kiosk watch gets none of the API's settings")
                        .isFalse());
            }
        }
    }
}
