package fr.relais.agent.device.probe;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Reading;
import fr.relais.agent.device.simulated.SimulatedDevices;
import fr.relais.protocol.Birth;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Health;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's simulated probe speaks as a real probe does: every metric it sends is one the real
 * probe sends on a healthy line with a throughput test, with the same type (so the same unit
 * suffix and the same JSON number kind at the hub), and its links are the real {@link LinkKind}s.
 */
class SimulatedProbeShapeTest {
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final int FILE_BYTES = 100_000;

    @TempDir
    Path dir;

    private final Loopback loopback = new Loopback();
    private ProbeDevice real;

    @AfterEach
    void tearDown() {
        if (real != null) {
            real.close();
        }
        loopback.close();
    }

    private void write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private Reading realHealthyReading() throws Exception {
        write("sys/class/net/eth0/type", "1\n");
        write("sys/class/net/eth0/operstate", "up\n");
        write("proc/net/route", "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
                + "eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n");
        Loopback.Http files = loopback.http(out -> {
            Loopback.head(out, 200, FILE_BYTES);
            Loopback.body(out, FILE_BYTES, 16_384, 0);
        });
        ProbeSettings settings = ProbeYaml.settings("""
                targets: [tcp://%s, tcp://%s]
                attempts: 3
                connectTimeoutMillis: 300
                link: fibre
                sysRoot: %s
                procRoot: %s
                throughput: {url: '%s'}
                """.formatted(loopback.listening(), loopback.listening(), dir.resolve("sys"), dir.resolve("proc"),
                files.url("/api/probe/download?bytes=" + FILE_BYTES)));
        real = new ProbeDevice(new Birth.DeviceInfo("sonde", DeviceKind.PROBE, "Sonde", false), settings, () -> false,
                () -> 0, java.net.InetAddress::getByName);
        real.open(null);
        return real.read(START);
    }

    private static Reading simulatedHealthyReading(String link) {
        var probe = SimulatedDevices.create("montcornet-pi", new DeviceConfig("sonde", DeviceKind.PROBE, "Sonde",
                DeviceConfig.SIMULATED, Duration.ofSeconds(60), DeviceConfig.DEFAULT_READ_TIMEOUT, Map.of("link", link)));
        for (int i = 0; i < 1_000; i++) {
            Reading reading = probe.read(START.plusSeconds(60L * i));
            if (reading.health() == Health.OK) {
                return reading;
            }
        }
        throw new AssertionError("no healthy reading in 1 000 on " + link);
    }

    @Test
    void everySimulatedMetricIsARealOneWithTheSameType() throws Exception {
        Reading real = realHealthyReading();
        assertThat(real.health()).as("the real probe on loopback: %s", real.metrics()).isEqualTo(Health.OK);
        Reading simulated = simulatedHealthyReading(LinkKind.FIBRE.wire());

        assertThat(real.metrics()).containsKeys(simulated.metrics().keySet().toArray(String[]::new));
        simulated.metrics().forEach((name, value) -> assertThat(value.getClass())
                .as("type of %s", name).isEqualTo(real.metrics().get(name).getClass()));
        assertThat(simulated.metrics()).containsEntry("link", real.metrics().get("link"))
                .containsEntry("interfaceKind", InterfaceKind.ETHERNET.wire())
                .containsKeys("latencyMedianMs", "lossPercent", "throughputMbps");
    }

    @Test
    void theVansMobileLinkSaysSoAsARealProbeOnAModemWould() {
        Reading van = simulatedHealthyReading(LinkKind.CELLULAR_4G.wire());
        assertThat(van.metrics()).containsEntry("link", LinkKind.CELLULAR_4G.wire())
                .containsEntry("interfaceKind", InterfaceKind.CELLULAR.wire());
    }
}
