package fr.relais.agent.systemd;

import static org.assertj.core.api.Assertions.assertThat;

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
    void theArgfileHoldsOneOptionPerLineAndNoComment() throws IOException {
        List<String> lines = Files.readAllLines(PACKAGING.resolve("agent.jvm.options"), StandardCharsets.UTF_8);

        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line).startsWith("-");
            // The java launcher splits an argfile on whitespace and knows no comments.
            assertThat(line).doesNotContainPattern("\\s").doesNotContain("#");
        });
        assertThat(lines).anyMatch(line -> line.startsWith("-Xmx"));
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
