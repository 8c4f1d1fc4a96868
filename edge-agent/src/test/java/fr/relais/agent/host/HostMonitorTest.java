package fr.relais.agent.host;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The host's health read from fake {@code /sys} and {@code /proc} trees made of real files. */
class HostMonitorTest {
    private static final String MEMINFO = """
            MemTotal:        3884356 kB
            MemFree:          912340 kB
            MemAvailable:    2621440 kB
            Buffers:           61234 kB
            """;

    @TempDir
    Path dir;

    private Path sys;
    private Path proc;
    private Path storage;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger hostLogger = (Logger) LoggerFactory.getLogger("fr.relais.agent.host");

    @BeforeEach
    void setUp() throws IOException {
        sys = dir.resolve("sys");
        proc = dir.resolve("proc");
        storage = Files.writeString(Files.createDirectories(dir.resolve("var/lib/relais")).resolve("agent.db"), "");
        log.start();
        hostLogger.addAppender(log);
    }

    @AfterEach
    void tearDown() {
        hostLogger.detachAppender(log);
    }

    private HostMonitor monitor() {
        return new HostMonitor(storage, sys, proc);
    }

    private void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private void zone(int number, String type, String temp) throws IOException {
        write(sys, "class/thermal/thermal_zone" + number + "/type", type + "\n");
        write(sys, "class/thermal/thermal_zone" + number + "/temp", temp + "\n");
    }

    private void throttled(String value) throws IOException {
        write(sys, "devices/platform/soc/soc:firmware/get_throttled", value + "\n");
    }

    private List<String> warnings() {
        return log.list.stream().filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aRaspberryPiUnderVoltageAndThrottledSaysSo() throws IOException {
        zone(0, "cpu-thermal", "82312");
        throttled("50005"); // under-voltage and throttled now, and both happened since boot
        write(proc, "loadavg", "3.42 2.10 1.05 3/311 20431\n");
        write(proc, "meminfo", MEMINFO);

        Map<String, Object> metrics = monitor().read();

        assertThat(metrics).containsEntry("cpuTemperatureC", 82.3)
                .containsEntry("cpuThrottled", true)
                .containsEntry("underVoltage", true)
                .containsEntry("throttledSinceBoot", true)
                .containsEntry("loadAverage1m", 3.4)
                .containsEntry("memAvailableMegabytes", 2560L)
                .containsKeys("diskUsedPercent", "diskFreeMegabytes");
        assertThat(warnings()).isEmpty();
    }

    @Test
    void eachOfTheFourCurrentBitsCountsAsThrottledButOnlyBitZeroIsUnderVoltage() throws IOException {
        zone(0, "cpu-thermal", "45000");
        HostMonitor monitor = monitor();
        for (String bits : List.of("0x2", "0x4", "0x8")) {
            throttled(bits);
            assertThat(monitor.read()).as(bits).containsEntry("cpuThrottled", true)
                    .containsEntry("underVoltage", false);
        }
        throttled("throttled=0x1"); // as vcgencmd prints it
        assertThat(monitor.read()).containsEntry("cpuThrottled", true).containsEntry("underVoltage", true);
    }

    @Test
    void aPiThatWasThrottledEarlierButIsFineNowIsNotThrottled() throws IOException {
        throttled("0x50000");
        assertThat(monitor().read()).containsEntry("cpuThrottled", false)
                .containsEntry("underVoltage", false)
                .containsEntry("throttledSinceBoot", true);
        throttled("0");
        assertThat(monitor().read()).containsEntry("cpuThrottled", false)
                .containsEntry("throttledSinceBoot", false);
    }

    @Test
    void aFirmwareDeviceNamedOtherwiseIsFoundThroughItsDriver() throws IOException {
        Path device = sys.resolve("devices/platform/axi/firmware");
        write(device, "get_throttled", "8\n");
        Path driver = Files.createDirectories(sys.resolve("bus/platform/drivers/raspberrypi-firmware"));
        write(driver, "uevent", "");
        Files.createSymbolicLink(driver.resolve("firmware"), device);

        assertThat(monitor().read()).containsEntry("cpuThrottled", true).containsEntry("underVoltage", false);
    }

    @Test
    void aPcReportsItsCpuPackageAmongItsThermalZonesAndNoThrottling() throws IOException {
        zone(0, "acpitz", "27800");
        zone(1, "pch_cannonlake", "52000");
        zone(2, "iwlwifi_1", "40000");
        zone(3, "x86_pkg_temp", "61000");

        Map<String, Object> metrics = monitor().read();

        assertThat(metrics).containsEntry("cpuTemperatureC", 61.0)
                .doesNotContainKeys("cpuThrottled", "underVoltage", "throttledSinceBoot");
    }

    @Test
    void withoutAKnownCpuZoneTheKernelsFirstZoneIsTaken() throws IOException {
        zone(10, "acpitz", "70000");
        zone(2, "acpitz", "35500");
        assertThat(monitor().read()).containsEntry("cpuTemperatureC", 35.5);
    }

    @Test
    void aHostWithoutTheseFilesReportsOnlyItsDiskAndLogsNothing() throws IOException {
        Files.createDirectories(sys.resolve("class/thermal")); // a container: the folder, no zone
        HostMonitor monitor = monitor();

        Map<String, Object> metrics = monitor.read();
        Map<String, Object> again = monitor.read();

        assertThat(metrics).containsOnlyKeys("diskUsedPercent", "diskFreeMegabytes");
        assertThat(again).containsOnlyKeys("diskUsedPercent", "diskFreeMegabytes");
        assertThat(warnings()).isEmpty();
    }

    @Test
    void garbageLeavesTheMetricOutAndIsLoggedOnceNotAtEveryTick() throws IOException {
        zone(0, "cpu-thermal", "hot");
        throttled("banana");
        write(proc, "loadavg", "\n");
        write(proc, "meminfo", "MemTotal: 3884356 kB\nMemAvailable: lots kB\n");
        HostMonitor monitor = monitor();

        for (int tick = 0; tick < 5; tick++) {
            assertThat(monitor.read()).containsOnlyKeys("diskUsedPercent", "diskFreeMegabytes");
        }

        assertThat(warnings()).hasSize(4);
        assertThat(warnings()).anySatisfy(line -> assertThat(line).contains("temp", "'hot'"))
                .anySatisfy(line -> assertThat(line).contains("get_throttled", "'banana'"))
                .anySatisfy(line -> assertThat(line).contains("loadavg"))
                .anySatisfy(line -> assertThat(line).contains("meminfo", "MemAvailable"));
    }

    @Test
    void aThrottlingValueThatIsNotA32BitFieldIsGarbage() throws IOException {
        HostMonitor monitor = monitor();
        for (String value : List.of("-1", "0x", "123456789", "0x5000 5", "")) {
            throttled(value);
            assertThat(monitor.read()).as("'%s'", value).doesNotContainKeys("cpuThrottled", "underVoltage");
        }
        assertThat(warnings()).as("one line for the file, whatever it holds").hasSize(1);
    }

    @Test
    void aFileThatHeldGarbageIsReadAgainOnceRepaired() throws IOException {
        zone(0, "cpu-thermal", "");
        HostMonitor monitor = monitor();
        assertThat(monitor.read()).doesNotContainKey("cpuTemperatureC");
        zone(0, "cpu-thermal", "51000");
        assertThat(monitor.read()).containsEntry("cpuTemperatureC", 51.0);
    }

    @Test
    void theDiskIsTheRealFilesystemOfTheStorageFile() {
        Map<String, Object> metrics = monitor().read();

        assertThat(metrics.get("diskUsedPercent")).isInstanceOfSatisfying(Double.class,
                percent -> assertThat(percent).isBetween(0.0, 100.0));
        assertThat(metrics.get("diskFreeMegabytes")).isInstanceOfSatisfying(Long.class,
                free -> assertThat(free).isNotNegative());
    }

    @Test
    void aStorageFileNotCreatedYetIsMeasuredOnItsFolder() {
        HostMonitor monitor = new HostMonitor(dir.resolve("not/yet/agent.db"), sys, proc);
        assertThat(monitor.read()).containsKey("diskUsedPercent");
    }
}
