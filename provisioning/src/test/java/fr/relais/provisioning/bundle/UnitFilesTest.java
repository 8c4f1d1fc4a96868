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
    void theAgentUnitRunsTheJarAsRelaisAfterTheNetworkAndAlwaysComesBack() {
        assertThat(agent.value("Service", "User")).isEqualTo("relais");
        // The argfile the outbox benchmark measured, installed from the bundle beside the unit.
        assertThat(agent.value("Service", "ExecStart")).isEqualTo("/usr/bin/java @/etc/relais/agent.jvm.options"
                + " -jar /opt/relais/relais-agent.jar --config /etc/relais/agent.yaml");
        assertThat(agent.value("Service", "Type")).isEqualTo("notify");
        assertThat(agent.value("Service", "NotifyAccess")).isEqualTo("all");
        assertThat(agent.value("Service", "Restart")).isEqualTo("always");
        assertThat(Integer.parseInt(agent.value("Service", "RestartSec"))).isBetween(1, 30);
        // A crash loop stops after a burst; the retry timer starts it again later.
        assertThat(Integer.parseInt(agent.value("Unit", "StartLimitIntervalSec"))).isPositive();
        assertThat(Integer.parseInt(agent.value("Unit", "StartLimitBurst"))).isGreaterThan(1);
        assertThat(agent.value("Service", "WatchdogSec")).isEqualTo("60");
        // Not network-online.target: a van's Pi would wait for 4G before its door worked.
        assertThat(agent.words("Unit", "After")).contains("network.target", "time-sync.target")
                .doesNotContain("network-online.target");
        assertThat(agent.value("Service", "StateDirectory")).isEqualTo("relais");
        assertThat(agent.value("Install", "WantedBy")).isEqualTo("multi-user.target");
    }

    @Test
    void theRetryTimerStartsOnlyAnAgentThatSystemdGaveUpOn() throws IOException {
        Map<String, Bundles.Entry> archive = Bundles.read(work.resolve("node/relais-rozoy-pi-firstboot.tar.gz"));
        UnitFile retry = UnitFile.parse(new String(archive.get("relais-rozoy-pi/relais-agent-retry.service").content(),
                java.nio.charset.StandardCharsets.UTF_8));
        UnitFile timer = UnitFile.parse(new String(archive.get("relais-rozoy-pi/relais-agent-retry.timer").content(),
                java.nio.charset.StandardCharsets.UTF_8));

        assertThat(retry.value("Service", "ExecCondition"))
                .isEqualTo("/usr/bin/systemctl is-failed --quiet relais-agent.service");
        assertThat(retry.values("Service", "ExecStart")).containsExactly(
                "/usr/bin/systemctl reset-failed relais-agent.service",
                "/usr/bin/systemctl start --no-block relais-agent.service");
        assertThat(timer.value("Timer", "OnUnitActiveSec")).isEqualTo("10min");
        assertThat(timer.value("Install", "WantedBy")).isEqualTo("timers.target");
    }

    @Test
    void theAgentUnitIsHardenedWithoutLosingGpioSqliteOrSetConfig() {
        assertThat(agent.value("Service", "NoNewPrivileges")).isEqualTo("yes");
        assertThat(agent.value("Service", "ProtectSystem")).isEqualTo("strict");
        // "-": the kiosk's link folder exists only on a node with a kiosk (ExecStartPre makes it).
        assertThat(agent.words("Service", "ReadWritePaths")).containsExactlyInAnyOrder("/var/lib/relais", "/etc/relais",
                "-/run/relais-agent");
        assertThat(agent.values("Service", "ExecStartPre"))
                .containsExactly("+-/usr/bin/install -d -o relais -g relais-kiosk -m 2750 /run/relais-agent");
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
                .endsWith(" -jar /opt/relais/relais-kiosk.jar --config /etc/relais/kiosk.yaml"
                        + " --heartbeat-file /run/relais-kiosk/heartbeat --heartbeat-seconds 5");
        // The heartbeat's folder, readable by the agent (not the kiosk's private /tmp, not /home).
        assertThat(kiosk.value("Service", "RuntimeDirectory")).isEqualTo("relais-kiosk");
        assertThat(kiosk.value("Service", "RuntimeDirectoryMode")).isEqualTo("0755");
        assertThat(kiosk.value("Service", "Restart")).isEqualTo("always");
        assertThat(kiosk.value("Service", "PAMName")).isEqualTo("login");
        assertThat(kiosk.value("Service", "TTYPath")).isEqualTo("/dev/tty1");
        assertThat(kiosk.words("Unit", "After")).contains("relais-agent.service", "systemd-logind.service");
        assertThat(kiosk.words("Unit", "Wants")).contains("relais-agent.service");
        assertThat(kiosk.words("Unit", "Conflicts")).contains("getty@tty1.service");
        assertThat(kiosk.value("Install", "WantedBy")).isEqualTo("multi-user.target");
    }

    /** The kiosk watch's screen: the agent starts relais-screen@off.service, systemd runs the switch as the kiosk. */
    @Test
    void theScreenUnitRunsTheBundledSwitchAsTheKiosksUser() throws IOException {
        Map<String, Bundles.Entry> archive = Bundles.read(work.resolve("node/relais-rozoy-pi-firstboot.tar.gz"));
        UnitFile screen = UnitFile.parse(new String(archive.get("relais-rozoy-pi/relais-screen@.service").content(),
                java.nio.charset.StandardCharsets.UTF_8));
        String polkit = new String(archive.get("relais-rozoy-pi/relais-polkit.rules").content(),
                java.nio.charset.StandardCharsets.UTF_8);

        assertThat(screen.value("Service", "Type")).isEqualTo("oneshot");
        assertThat(screen.value("Service", "User")).isEqualTo(kiosk.value("Service", "User"));
        assertThat(screen.value("Service", "ExecStart")).isEqualTo("/opt/relais/relais-screen %i");
        // /run/user, where cage's socket is, stays visible.
        assertThat(screen.values("Service", "ProtectHome")).isEmpty();
        assertThat(archive.get("relais-rozoy-pi/relais-screen").mode()).isEqualTo(0755);
        assertThat(polkit).contains("\"relais-screen@on.service\"", "\"relais-screen@off.service\"");
    }

    @Test
    void systemdAcceptsTheUnits() throws Exception {
        NodeBundle.write(work.resolve("van"), Bundles.withSiteBroker());
        Path units = Files.createDirectories(work.resolve("units"));
        Map<String, Bundles.Entry> archive = Bundles.read(work.resolve("node/relais-rozoy-pi-firstboot.tar.gz"));
        for (String name : new String[] {"relais-agent.service", "relais-kiosk.service", "relais-agent-retry.service",
                "relais-agent-retry.timer", "relais-screen@.service"}) {
            Files.write(units.resolve(name), archive.get("relais-rozoy-pi/" + name).content());
        }
        Files.copy(work.resolve("van/relais-site-broker.service"), units.resolve("relais-site-broker.service"));
        try (Stream<Path> files = Files.list(units)) {
            SystemdVerify.verify(work, files.sorted().toList());
        }
    }

    @Test
    void aTemplatePlaceholderWithoutAValueIsAnErrorNotALiteral() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new BundleTemplates(Map.of("NODE", "rozoy-pi")).render(BundleTemplates.README))
                .withMessageContaining("README.txt").withMessageContaining("{{");
        assertThatIllegalStateException()
                .isThrownBy(() -> new BundleTemplates(Map.of()).render("no-such-template"))
                .withMessageContaining("no-such-template");
    }
}
