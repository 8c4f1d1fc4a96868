package fr.relais.system;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.NodeConfig;
import fr.relais.provisioning.inventory.Inventory;
import fr.relais.provisioning.inventory.InventoryLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What provisioning renders for the demo is what the edge agent accepts, node for node. */
class DemoConfigsIT {
    @Test
    void theProvisioningJarChecksTheSampleWithEveryDriverItNames(@TempDir Path out) throws Exception {
        Process validate = new ProcessBuilder(Repository.javaBinary().toString(), "-jar",
                Repository.jar("provisioning", "relais-provision.jar").toString(), "validate", "--inventory",
                Repository.root().resolve("provisioning/examples/territoire.yaml").toString())
                .redirectErrorStream(true).redirectOutput(out.resolve("validate.log").toFile()).start();
        assertThat(validate.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(validate.exitValue()).as(Files.readString(out.resolve("validate.log"))).isZero();
    }

    @Test
    void everyRenderedConfigurationLoadsInTheAgent(@TempDir Path out) throws Exception {
        Path inventoryFile = Repository.root().resolve("provisioning/examples/territoire.yaml");
        Process render = new ProcessBuilder(Repository.javaBinary().toString(), "-jar",
                Repository.jar("provisioning", "relais-provision.jar").toString(), "demo-configs",
                "--inventory", inventoryFile.toString(), "--broker-url", "tcp://127.0.0.1:1883",
                "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(out.resolve("render.log").toFile()).start();
        assertThat(render.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(render.exitValue()).as(Files.readString(out.resolve("render.log"))).isZero();

        Inventory inventory = new InventoryLoader().load(inventoryFile);
        List<NodeConfig> configs = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path dir : files.filter(Files::isDirectory).toList()) {
                configs.add(new ConfigLoader().load(dir.resolve("agent.yaml")));
            }
        }
        assertThat(configs).hasSize(6);
        inventory.sites().forEach(site -> site.nodes().forEach(node -> {
            NodeConfig config = configs.stream().filter(c -> c.node().equals(node.id())).findFirst().orElseThrow();
            assertThat(config.site().id()).isEqualTo(site.id());
            assertThat(config.site().name()).isEqualTo(site.name());
            assertThat(config.site().kind()).isEqualTo(site.kind());
            assertThat(config.devices()).hasSameSizeAs(node.devices());
            assertThat(config.devices()).allSatisfy(device -> assertThat(device.simulated()).isTrue());
        }));
    }
}
