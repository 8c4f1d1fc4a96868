package fr.relais.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.host.HostMonitor;
import fr.relais.agent.uplink.NodeWatcher;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.protocol.Telemetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The node's own telemetry carries its host's health, as the hub's alert rules expect it. */
class HostTelemetryTest {
    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    @TempDir
    Path dir;

    private NodeConfig config(MosquittoProcess broker) throws Exception {
        return new ConfigLoader(Map.of()).parse("""
                node: dizy-pi
                site: {id: dizy, name: Tiers-lieu numérique de Dizy-le-Gros, kind: mediation}
                broker: {url: "%s", reconnectMinMillis: 100, reconnectMaxMillis: 500}
                storage: {file: agent.db}
                telemetry: {intervalSeconds: 1}
                clock: {source: always-synced}
                devices:
                  - {id: printer-1, kind: printer, name: Imprimante, driver: simulated}
                """.formatted(broker.url()), dir);
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static Telemetry ownTelemetry(NodeWatcher watcher) {
        return watcher.all(Telemetry.class).stream().filter(t -> t.device().isEmpty()).reduce((a, b) -> b)
                .orElse(null);
    }

    @Test
    void aHotUnderPoweredPiSaysSoInItsOwnTelemetry(MosquittoProcess broker) throws Exception {
        Path sys = dir.resolve("sys");
        Path proc = dir.resolve("proc");
        write(sys.resolve("class/thermal/thermal_zone0/type"), "cpu-thermal\n");
        write(sys.resolve("class/thermal/thermal_zone0/temp"), "84500\n");
        write(sys.resolve("devices/platform/soc/soc:firmware/get_throttled"), "50005\n");
        write(proc.resolve("loadavg"), "1.25 0.90 0.60 2/180 4242\n");
        write(proc.resolve("meminfo"), "MemTotal: 1893212 kB\nMemAvailable: 524288 kB\n");
        NodeConfig config = config(broker);

        try (NodeWatcher watcher = new NodeWatcher(broker.url(), "dizy", "dizy-pi");
             EdgeAgent agent = EdgeAgent.start(config, Optional.empty(), "test",
                     new HostMonitor(config.storageFile(), sys, proc))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> ownTelemetry(watcher) != null);

            Map<String, Object> metrics = ownTelemetry(watcher).metrics();
            assertThat(metrics).containsEntry("cpuTemperatureC", 84.5)
                    .containsEntry("cpuThrottled", true)
                    .containsEntry("underVoltage", true)
                    .containsEntry("throttledSinceBoot", true)
                    .containsEntry("loadAverage1m", 1.3)
                    .containsEntry("memAvailableMegabytes", 512L)
                    .containsKeys("outboxDepth", "connects", "diskFreeMegabytes");
            assertThat(metrics.get("diskUsedPercent")).isInstanceOfSatisfying(Number.class,
                    percent -> assertThat(percent.doubleValue()).isBetween(0.0, 100.0));
            assertThat(watcher.all(Telemetry.class)).filteredOn(t -> t.device().isPresent())
                    .allSatisfy(t -> assertThat(t.metrics()).doesNotContainKey("cpuTemperatureC"));
        }
    }

    @Test
    void onThisMachineTheNodeReportsAtLeastItsDisk(MosquittoProcess broker) throws Exception {
        try (NodeWatcher watcher = new NodeWatcher(broker.url(), "dizy", "dizy-pi");
             EdgeAgent agent = EdgeAgent.start(config(broker), "test")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> ownTelemetry(watcher) != null);

            assertThat(ownTelemetry(watcher).metrics()).containsKeys("diskUsedPercent", "diskFreeMegabytes");
        }
    }
}
