package fr.relais.agent.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.device.kiosk.ScreenSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The files of {@code edge-agent/packaging} agree with each other and with the build: a unit
 * pointing at a jar or an options file that the installer puts elsewhere fails only on a Pi.
 */
class PackagingTest {
    private static final Path PACKAGING = Path.of("packaging");
    private static final String OPTIONS = "/etc/relais/agent.jvm.options";
    private static final String JAR = "/opt/relais/relais-agent.jar";
    private static final String CONFIG = "/etc/relais/agent.yaml";

    @Test
    void theUnitIsANotifyServiceWithAWatchdogRunningTheInstalledJar() throws IOException {
        Map<String, String> service = section(PACKAGING.resolve("relais-agent.service"), "Service");

        assertThat(service.get("ExecStart")).startsWith("/usr/bin/java @" + OPTIONS + " ")
                .contains("-jar " + JAR).endsWith("--config " + CONFIG);
        assertThat(service).containsEntry("Type", "notify")
                // The notifications come from systemd-notify, a child of the JVM.
                .containsEntry("NotifyAccess", "all")
                .containsEntry("Restart", "always")
                // Half of it is the ping interval the agent derives from WATCHDOG_USEC (Watchdog).
                .containsEntry("WatchdogSec", "60")
                .containsEntry("User", "relais")
                .containsEntry("StateDirectory", "relais");
        assertThat(Long.parseLong(service.get("WatchdogSec"))).isPositive();
        assertThat(service.get("ReadWritePaths").split("\\s+")).contains("/var/lib/relais", "/etc/relais");
    }

    @Test
    void theArgfileHoldsOneOptionPerLineBesideWholeLineComments() throws IOException {
        List<String> lines = Files.readAllLines(PACKAGING.resolve("agent.jvm.options"), StandardCharsets.UTF_8);

        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            if (!line.startsWith("#")) {
                // The java launcher splits an argfile on whitespace: one word per option, no quoting.
                assertThat(line).startsWith("-").doesNotContainPattern("\\s").doesNotContain("#");
            }
        });
        assertThat(lines).anyMatch(line -> line.startsWith("-Xmx"))
                // The probe times real lookups (JvmDnsCache does it too, at the driver's registration).
                .contains("-Dsun.net.inetaddr.ttl=0")
                // java.security's negative TTL wins over this one, and JvmDnsCache would then keep 10 s.
                .noneMatch(line -> line.startsWith("-Dsun.net.inetaddr.negative.ttl"));
    }

    /** The launcher itself reads the file, comments included, as the unit and the benchmark make it. */
    @Test
    void javaAcceptsTheArgfile() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process run = new ProcessBuilder(java.toString(), "@" + PACKAGING.resolve("agent.jvm.options"),
                "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(1, TimeUnit.MINUTES)).isTrue();

        assertThat(run.exitValue()).as(output).isZero();
        assertThat(output).contains("sun.net.inetaddr.ttl = 0");
    }

    @Test
    void theInstallerPutsTheFilesWhereTheUnitLooksForThem() throws IOException {
        String installer = Files.readString(PACKAGING.resolve("install.sh"), StandardCharsets.UTF_8);

        assertThat(installer).contains("/opt/relais", "relais-agent.jar", "/etc/relais", "agent.yaml",
                "agent.jvm.options", "/etc/systemd/system", "relais-agent", "openjdk-17-jre-headless");
        assertThat(Files.isExecutable(PACKAGING.resolve("install.sh"))).isTrue();
    }

    @Test
    void aCrashLoopStopsAfterABurstAndTheRetryTimerStartsTheAgentAgain() throws IOException {
        Map<String, String> unit = section(PACKAGING.resolve("relais-agent.service"), "Unit");
        Map<String, String> retry = section(PACKAGING.resolve("relais-agent-retry.service"), "Service");

        assertThat(Long.parseLong(unit.get("StartLimitIntervalSec"))).isPositive();
        assertThat(Long.parseLong(unit.get("StartLimitBurst"))).isGreaterThan(1);
        assertThat(retry.get("ExecCondition")).isEqualTo("/usr/bin/systemctl is-failed --quiet relais-agent.service");
        assertThat(section(PACKAGING.resolve("relais-agent-retry.timer"), "Install"))
                .containsEntry("WantedBy", "timers.target");
    }

    @Test
    void theKioskUnitWritesTheHeartbeatTheKioskWatchReadsByDefault() throws IOException {
        Map<String, String> kiosk = section(PACKAGING.resolve("relais-kiosk.service"), "Service");

        assertThat(kiosk.get("ExecStart")).contains("--heartbeat-file /run/relais-kiosk/heartbeat");
        assertThat(kiosk).containsEntry("RuntimeDirectory", "relais-kiosk").containsEntry("RuntimeDirectoryMode", "0755");
        assertThat(Files.readString(PACKAGING.resolve("relais-polkit.rules"), StandardCharsets.UTF_8))
                .contains("\"relais-kiosk.service\"", "\"restart\"", "subject.user !== \"relais\"");
    }

    /**
     * The kiosk watch's default screen commands start the template's two instances, which run the
     * packaged switch as the kiosk's user, outside the agent's sandbox and with /run/user visible.
     */
    @Test
    void theScreenIsSwitchedByTheTemplateUnitAsTheKiosksUser() throws IOException {
        Map<String, String> screen = section(PACKAGING.resolve("relais-screen@.service"), "Service");
        Map<String, String> kiosk = section(PACKAGING.resolve("relais-kiosk.service"), "Service");
        String installer = Files.readString(PACKAGING.resolve("install.sh"), StandardCharsets.UTF_8);

        assertThat(ScreenSettings.DEFAULT_ON).containsExactly("systemctl", "start", "relais-screen@on.service");
        assertThat(ScreenSettings.DEFAULT_OFF).containsExactly("systemctl", "start", "relais-screen@off.service");
        assertThat(screen).containsEntry("Type", "oneshot")
                .containsEntry("User", kiosk.get("User"))
                .containsEntry("ExecStart", "/opt/relais/relais-screen %i")
                .doesNotContainKeys("ProtectHome", "ProtectKernelTunables", "RemainAfterExit");
        assertThat(Files.isExecutable(PACKAGING.resolve("relais-screen"))).isTrue();
        assertThat(installer).contains("SCREEN_SERVICE=relais-screen@", "SCREEN_SWITCH=relais-screen",
                "\"$OPT_DIR/$SCREEN_SWITCH\" root:root 0755", "wanted+=(wlr-randr)");
        // The kiosk's session is where cage's socket lives; the switch finds it there.
        assertThat(kiosk).containsEntry("PAMName", "login");
    }

    @Test
    void theBuildProducesTheJarTheUnitRuns() throws IOException {
        assertThat(Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8))
                .contains("<outputFile>${project.build.directory}/relais-agent.jar</outputFile>");
    }

    @Test
    void theInstallerIsValidBash() throws IOException, InterruptedException {
        Process check = new ProcessBuilder("bash", "-n", PACKAGING.resolve("install.sh").toString())
                .redirectErrorStream(true).start();
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.exitValue()).as(output).isZero();
    }

    /** The keys of one section of a unit file; comments and blank lines skipped. */
    private static Map<String, String> section(Path unit, String name) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        String current = "";
        for (String raw : Files.readAllLines(unit, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = line.substring(1, line.length() - 1);
            } else if (current.equals(name) && line.contains("=")) {
                int equals = line.indexOf('=');
                entries.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }
        return entries;
    }
}
