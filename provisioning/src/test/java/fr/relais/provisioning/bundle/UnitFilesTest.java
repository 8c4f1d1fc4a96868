package fr.relais.provisioning.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated units: what they say, and whether systemd itself accepts them. */
class UnitFilesTest {
    /** Where Debian keeps the system's units; /lib before the /usr merge. */
    private static final Path SYSTEM_UNITS = Files.isDirectory(Path.of("/usr/lib/systemd/system"))
            ? Path.of("/usr/lib/systemd/system") : Path.of("/lib/systemd/system");

    @TempDir
    Path work;
    private UnitFile agent;
    private UnitFile kiosk;

    @BeforeEach
    void render() throws IOException {
        NodeBundle.write(work.resolve("node"), Bundles.withKiosk());
        agent = UnitFile.parse(Files.readString(work.resolve("node/relais-agent.service")));
        kiosk = UnitFile.parse(Files.readString(work.resolve("node/relais-kiosk.service")));
    }

    @Test
    void theAgentUnitRunsTheJarAsRelaisAfterTheNetworkAndAlwaysComesBack() throws IOException {
        assertThat(agent.value("Service", "User")).isEqualTo("relais");
        // The JVM options the outbox benchmark measured, as the agent's own packaging lists them.
        String measured = String.join(" ", Files.readAllLines(Path.of("../edge-agent/packaging/agent.jvm.options")))
                .strip();
        assertThat(agent.value("Service", "ExecStart")).isEqualTo(
                "/usr/bin/java " + measured + " -jar /opt/relais/relais-agent.jar --config /etc/relais/agent.yaml");
        assertThat(agent.value("Service", "Type")).isEqualTo("notify");
        assertThat(agent.value("Service", "NotifyAccess")).isEqualTo("all");
        assertThat(agent.value("Service", "Restart")).isEqualTo("always");
        assertThat(Integer.parseInt(agent.value("Service", "RestartSec"))).isBetween(1, 30);
        assertThat(agent.value("Unit", "StartLimitIntervalSec")).isEqualTo("0");
        // Not network-online.target: a van's Pi would wait for 4G before its door worked.
        assertThat(agent.words("Unit", "After")).contains("network.target", "time-sync.target")
                .doesNotContain("network-online.target");
        assertThat(agent.value("Service", "StateDirectory")).isEqualTo("relais");
        assertThat(agent.value("Install", "WantedBy")).isEqualTo("multi-user.target");
    }

    @Test
    void theAgentUnitIsHardenedWithoutLosingGpioSqliteOrSetConfig() {
        assertThat(agent.value("Service", "NoNewPrivileges")).isEqualTo("yes");
        assertThat(agent.value("Service", "ProtectSystem")).isEqualTo("strict");
        assertThat(agent.words("Service", "ReadWritePaths")).containsExactlyInAnyOrder("/var/lib/relais", "/etc/relais");
        // sqlite-jdbc loads its native library from java.io.tmpdir: a private /tmp, not a read-only one.
        assertThat(agent.value("Service", "PrivateTmp")).isEqualTo("yes");
        // /dev must stay visible for /dev/gpiochip* (Pi4J) and serial badge readers.
        assertThat(agent.values("Service", "PrivateDevices")).isEmpty();
        assertThat(agent.values("Service", "DevicePolicy")).isEmpty();
        assertThat(agent.values("Service", "MemoryDenyWriteExecute")).as("the JIT writes code").isEmpty();
    }

    @Test
    void theKioskUnitRunsTheKioskInCageAsItsOwnUserAfterTheAgent() {
        assertThat(kiosk.value("Service", "User")).isEqualTo("relais-kiosk");
        assertThat(kiosk.value("Service", "ExecStart")).startsWith("/usr/bin/cage -- /usr/bin/java ")
                .endsWith(" -jar /opt/relais/relais-kiosk.jar --config /etc/relais/kiosk.yaml");
        assertThat(kiosk.value("Service", "Restart")).isEqualTo("always");
        assertThat(kiosk.value("Service", "PAMName")).isEqualTo("login");
        assertThat(kiosk.value("Service", "TTYPath")).isEqualTo("/dev/tty1");
        assertThat(kiosk.words("Unit", "After")).contains("relais-agent.service", "systemd-logind.service");
        assertThat(kiosk.words("Unit", "Wants")).contains("relais-agent.service");
        assertThat(kiosk.words("Unit", "Conflicts")).contains("getty@tty1.service");
        assertThat(kiosk.value("Install", "WantedBy")).isEqualTo("multi-user.target");
    }

    @Test
    void systemdAcceptsBothUnits() throws Exception {
        Path analyze = ProcessResult.onPath("systemd-analyze");
        assertThat(analyze).as("systemd-analyze is not installed: apt-get install systemd (./relais test as root"
                + " installs what the tests need)").isNotNull();
        NodeBundle.write(work.resolve("node"), Bundles.withSiteBroker());
        Path root = rootWithTheUnits();

        for (String unit : new String[] {"relais-agent.service", "relais-kiosk.service", "relais-site-broker.service"}) {
            ProcessResult verify = ProcessResult.run(work, Map.of(), analyze.toString(), "verify",
                    "--root=" + root, unit);
            assertThat(verify.exitCode()).as("systemd-analyze verify %s: %s", unit, verify.output()).isZero();
            // Unknown keys and bad values are only warnings for systemd: none is acceptable here.
            assertThat(verify.output()).as("systemd-analyze verify %s", unit).isBlank();
        }
    }

    @Test
    void aTemplatePlaceholderWithoutAValueIsAnErrorNotALiteral() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new BundleTemplates(Map.of("NODE", "rozoy-pi")).render(BundleTemplates.AGENT_UNIT))
                .withMessageContaining("relais-agent.service").withMessageContaining("{{SITE}}");
        assertThatIllegalStateException()
                .isThrownBy(() -> new BundleTemplates(Map.of()).render("no-such-template"))
                .withMessageContaining("no-such-template");
    }

    /**
     * A file system root for systemd-analyze: the units in /etc/systemd/system, the system's own
     * units (the targets they order after), and stand-ins for the programs they run, which this
     * build machine need not have (cage).
     */
    private Path rootWithTheUnits() throws IOException {
        Path root = work.resolve("root");
        Path units = Files.createDirectories(root.resolve("etc/systemd/system"));
        for (String unit : new String[] {"relais-agent.service", "relais-kiosk.service", "relais-site-broker.service"}) {
            Files.copy(work.resolve("node").resolve(unit), units.resolve(unit));
        }
        Path systemUnits = Files.createDirectories(root.resolve("usr/lib/systemd/system"));
        try (Stream<Path> files = Files.list(SYSTEM_UNITS)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, systemUnits.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Path bin = Files.createDirectories(root.resolve("usr/bin"));
        Files.createDirectories(root.resolve("usr/sbin"));
        for (String program : new String[] {"usr/bin/java", "usr/bin/cage", "usr/sbin/mosquitto", "bin/kill"}) {
            Path standIn = Files.createDirectories(root.resolve(program).getParent()).resolve(root.resolve(program)
                    .getFileName());
            Files.writeString(standIn, "#!/bin/sh\n");
            Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return root;
    }
}
