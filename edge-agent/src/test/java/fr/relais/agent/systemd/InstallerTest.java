package fr.relais.agent.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * edge-agent/packaging/install.sh run by hand, with a jar and an agent.yaml (the bundle's way is
 * tested in provisioning), into a DESTDIR; and checked by shellcheck.
 */
class InstallerTest {
    private static final Path INSTALLER = Path.of("packaging/install.sh").toAbsolutePath();

    @TempDir
    Path work;

    @Test
    void shellcheckFindsNothing() throws Exception {
        Path shellcheck = onPath("shellcheck");
        assertThat(shellcheck).as("shellcheck is not installed: apt-get install shellcheck (./relais test as root"
                + " installs what the tests need)").isNotNull();

        Result lint = run(Map.of(), shellcheck.toString(), "-s", "bash", INSTALLER.toString());

        assertThat(lint.exitCode()).as("shellcheck: %s", lint.output()).isZero();
    }

    @Test
    void installsTheAgentAloneWithItsRulesAndRunsAgainChangingNothing() throws Exception {
        Path jar = Files.writeString(work.resolve("relais-agent.jar"), "not really a jar");
        Path yaml = Files.writeString(work.resolve("agent.yaml"), "storage: {file: /var/lib/relais/agent.db}\n");
        Path dest = work.resolve("dest");

        Result first = install(dest, jar.toString(), yaml.toString());

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("installing the Relais edge agent from",
                "nor adding it to: gpio input dialout", "not running: udevadm control --reload",
                "--subsystem-match=input --subsystem-match=backlight")
                .doesNotContain("relais-kiosk", "warning");
        assertThat(modes(dest)).containsAllEntriesOf(Map.of(
                "etc/relais/agent.yaml", "rw-------",
                "etc/relais/agent.jvm.options", "rw-r--r--",
                "opt/relais/relais-agent.jar", "rw-r--r--",
                "etc/systemd/system/relais-agent.service", "rw-r--r--",
                "etc/systemd/system/relais-agent-retry.service", "rw-r--r--",
                "etc/systemd/system/relais-agent-retry.timer", "rw-r--r--",
                "etc/udev/rules.d/70-relais.rules", "rw-r--r--",
                "etc/polkit-1/rules.d/50-relais-agent.rules", "rw-r--r--",
                "var/lib/relais", "rwxr-x---"));
        assertThat(modes(dest)).doesNotContainKeys("etc/relais/ca.crt", "etc/systemd/system/relais-kiosk.service",
                "etc/systemd/system/relais-screen@.service", "opt/relais/relais-screen");
        assertThat(dest.resolve("etc/relais/agent.jvm.options"))
                .hasSameBinaryContentAs(INSTALLER.resolveSibling("agent.jvm.options"));
        assertThat(dest.resolve("etc/udev/rules.d/70-relais.rules"))
                .hasSameBinaryContentAs(INSTALLER.resolveSibling("relais-udev.rules"));
        Map<String, String> afterFirst = modes(dest);

        Result second = install(dest, jar.toString(), yaml.toString());

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).doesNotContain("installed /").doesNotContain("udevadm");
        assertThat(modes(dest)).isEqualTo(afterFirst);
    }

    @Test
    void withoutItsTwoArgumentsItSaysHowToRunIt() throws Exception {
        Result none = install(work.resolve("dest"));
        Result missingJar = install(work.resolve("dest"), work.resolve("nothing.jar").toString(),
                work.resolve("agent.yaml").toString());

        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.output()).contains("Usage: sudo ./install.sh", "RELAIS_AGENT_JAR AGENT_YAML");
        assertThat(missingJar.exitCode()).isEqualTo(1);
        assertThat(missingJar.output()).contains("no jar at", "./relais build");
        assertThat(work.resolve("dest")).doesNotExist();
    }

    private Result install(Path dest, String... arguments) throws IOException, InterruptedException {
        Map<String, String> environment = new HashMap<>(Map.of("DESTDIR", dest.toString(), "RELAIS_SKIP_APT", "1"));
        String[] command = Stream.concat(Stream.of(INSTALLER.toString()), Stream.of(arguments)).toArray(String[]::new);
        return run(environment, command);
    }

    record Result(int exitCode, String output) {
    }

    private Result run(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.equals("DESTDIR") || name.startsWith("RELAIS_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static Path onPath(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(folder, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static Map<String, String> modes(Path root) throws IOException {
        Map<String, String> modes = new HashMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(path -> !path.equals(root)).toList()) {
                modes.put(root.relativize(path).toString(),
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
            }
        }
        return modes;
    }
}
