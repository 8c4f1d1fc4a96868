package fr.relais.provisioning.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated units: what they say, and whether systemd itself accepts them. */
class UnitFilesTest {
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
    void systemdAcceptsTheUnits() throws Exception {
        NodeBundle.write(work.resolve("node"), Bundles.withSiteBroker());
        SystemdVerify.verify(work, Stream.of("relais-agent.service", "relais-kiosk.service",
                "relais-site-broker.service").map(work.resolve("node")::resolve).toList());
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
}
