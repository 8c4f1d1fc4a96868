package fr.relais.agent.device.probe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Which interface carries the traffic, and what it is, from fake {@code /sys} and {@code /proc} trees. */
class NetworkInterfacesTest {
    private static final String ROUTE_HEAD = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask"
            + "\t\tMTU\tWindow\tIRTT\n";

    @TempDir
    Path dir;

    private Path sys;
    private Path proc;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger probeLogger = (Logger) LoggerFactory.getLogger("fr.relais.agent.device.probe");

    @BeforeEach
    void setUp() {
        sys = dir.resolve("sys");
        proc = dir.resolve("proc");
        log.start();
        probeLogger.addAppender(log);
    }

    @AfterEach
    void tearDown() {
        probeLogger.detachAppender(log);
    }

    private NetworkInterfaces interfaces() {
        return new NetworkInterfaces(sys, proc);
    }

    private void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** A device folder as the kernel makes it: type, operstate and uevent. */
    private Path device(String name, int type, String state, String devtype) throws IOException {
        write(sys, "class/net/" + name + "/type", type + "\n");
        write(sys, "class/net/" + name + "/operstate", state + "\n");
        write(sys, "class/net/" + name + "/uevent", "INTERFACE=" + name + "\nIFINDEX=3\n"
                + (devtype == null ? "" : "DEVTYPE=" + devtype + "\n"));
        return sys.resolve("class/net/" + name);
    }

    /** {@code device/driver} as a symbolic link to the driver's folder, as in the real tree. */
    private void driver(String name, String driver) throws IOException {
        Path drivers = Files.createDirectories(sys.resolve("bus/usb/drivers/" + driver));
        Path device = Files.createDirectories(sys.resolve("class/net/" + name + "/device"));
        Files.createSymbolicLink(device.resolve("driver"), drivers);
    }

    private void routes(String... lines) throws IOException {
        write(proc, "net/route", ROUTE_HEAD + String.join("\n", lines) + "\n");
    }

    @Test
    void theDefaultRoutesEthernetInterface() throws IOException {
        device("eth0", 1, "up", null);
        driver("eth0", "bcmgenet");
        device("wlan0", 1, "dormant", "wlan");
        routes("eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0",
                "eth0\t0001A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0");

        LinkInterface link = interfaces().detect(Optional.empty());

        assertThat(link).isEqualTo(new LinkInterface(Optional.of("eth0"), InterfaceKind.ETHERNET, Optional.of("up")));
    }

    @Test
    void wifiIsToldByItsWirelessFolderAndTheLowestMetricWins() throws IOException {
        device("eth0", 1, "down", null);
        device("wlan0", 1, "up", null);
        Files.createDirectories(sys.resolve("class/net/wlan0/wireless"));
        routes("eth0\t00000000\t0101A8C0\t0003\t0\t0\t700\t00000000\t0\t0\t0",
                "wlan0\t00000000\t0102A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0");

        assertThat(interfaces().detect(Optional.empty()))
                .isEqualTo(new LinkInterface(Optional.of("wlan0"), InterfaceKind.WIFI, Optional.of("up")));
    }

    @Test
    void cellularModemsAreToldByTheirTypeTheirDriverOrTheirName() throws IOException {
        device("wwan0", 65534, "unknown", "wwan");
        device("usb0", 1, "up", null);
        driver("usb0", "rndis_host");
        device("eth1", 1, "up", null);
        driver("eth1", "qmi_wwan");
        device("enx00e04c680001", 1, "up", null);
        driver("enx00e04c680001", "r8152");

        assertThat(interfaces().detect(Optional.of("wwan0")).kind()).isEqualTo(InterfaceKind.CELLULAR);
        assertThat(interfaces().detect(Optional.of("usb0")).kind()).isEqualTo(InterfaceKind.CELLULAR);
        assertThat(interfaces().detect(Optional.of("eth1")).kind()).as("a modem named like Ethernet")
                .isEqualTo(InterfaceKind.CELLULAR);
        assertThat(interfaces().detect(Optional.of("enx00e04c680001")).kind()).as("a USB Ethernet adapter")
                .isEqualTo(InterfaceKind.ETHERNET);
    }

    @Test
    void theConfiguredInterfaceIsReportedEvenWithoutDefaultRoute() throws IOException {
        device("eth0", 1, "up", null);

        assertThat(interfaces().detect(Optional.of("eth0")))
                .isEqualTo(new LinkInterface(Optional.of("eth0"), InterfaceKind.ETHERNET, Optional.of("up")));
        assertThat(interfaces().detect(Optional.of("ppp0"))).as("configured, but absent from /sys")
                .isEqualTo(new LinkInterface(Optional.of("ppp0"), InterfaceKind.UNKNOWN, Optional.empty()));
    }

    @Test
    void noRouteTableOrNoDefaultRouteMeansNoInterface() throws IOException {
        assertThat(interfaces().detect(Optional.empty())).isEqualTo(LinkInterface.NONE);
        routes("eth0\t0001A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0",
                "eth0\t00000000\t0101A8C0\t0002\t0\t0\t100\t00000000\t0\t0\t0");
        assertThat(interfaces().detect(Optional.empty())).as("a default route that is not up").isEqualTo(LinkInterface.NONE);
        assertThat(log.list).isEmpty();
    }

    /** Garbage lines are skipped and said once; a name that would lead out of /sys is never used. */
    @Test
    void aDamagedRouteTableIsSkippedAndSaidOnce() throws IOException {
        device("eth0", 1, "up", null);
        routes("eth0\tzzzzzzzz\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0",
                "half a line",
                "../../../etc\t00000000\t0101A8C0\t0003\t0\t0\t1\t00000000\t0\t0\t0",
                "eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0");
        NetworkInterfaces interfaces = interfaces();

        assertThat(interfaces.detect(Optional.empty()).name()).contains("eth0");
        assertThat(interfaces.detect(Optional.empty()).name()).contains("eth0");

        assertThat(log.list).filteredOn(event -> event.getLevel() == Level.WARN).hasSize(1)
                .first().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("net/route has a line that is not a route");
    }
}
