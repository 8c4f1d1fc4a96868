package fr.relais.agent.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code systemd-analyze verify} on every unit of edge-agent/packaging, in a file system root of
 * its own: the units in /etc/systemd/system, the system's units they order after, and stand-ins
 * for the programs they run, which a build machine need not have (cage, java).
 */
class UnitVerifyTest {
    private static final Path SYSTEM_UNITS = Files.isDirectory(Path.of("/usr/lib/systemd/system"))
            ? Path.of("/usr/lib/systemd/system") : Path.of("/lib/systemd/system");
    private static final List<String> PROGRAMS = List.of("usr/bin/java", "usr/bin/cage", "usr/sbin/mosquitto",
            "bin/kill", "usr/bin/systemctl", "opt/relais/relais-screen");

    @TempDir
    Path work;

    @Test
    void systemdAcceptsEveryUnitWithoutAWarning() throws Exception {
        assertThat(Path.of("/usr/bin/systemd-analyze")).as("systemd-analyze is not installed: apt-get install systemd"
                + " (./relais test as root installs what the tests need)").isExecutable();
        Path root = work.resolve("root");
        Path etc = Files.createDirectories(root.resolve("etc/systemd/system"));
        List<Path> units;
        try (Stream<Path> files = Files.list(Path.of("packaging"))) {
            units = files.filter(file -> file.toString().endsWith(".service") || file.toString().endsWith(".timer"))
                    .sorted().toList();
        }
        assertThat(units).extracting(unit -> unit.getFileName().toString()).contains("relais-agent.service",
                "relais-agent-retry.service", "relais-agent-retry.timer", "relais-kiosk.service",
                "relais-site-broker.service", "relais-screen@.service");
        for (Path unit : units) {
            Files.copy(unit, etc.resolve(unit.getFileName()));
        }
        Path systemUnits = Files.createDirectories(root.resolve("usr/lib/systemd/system"));
        try (Stream<Path> files = Files.list(SYSTEM_UNITS)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, systemUnits.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        for (String program : PROGRAMS) {
            Path standIn = root.resolve(program);
            Files.createDirectories(standIn.getParent());
            Files.writeString(standIn, "#!/bin/sh\n");
            Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<String> names = new ArrayList<>(units.stream().map(unit -> unit.getFileName().toString()).toList());
        // The template's two instances, as the kiosk watch starts them.
        names.addAll(List.of("relais-screen@on.service", "relais-screen@off.service"));
        for (String name : names) {
            Process verify = new ProcessBuilder("/usr/bin/systemd-analyze", "verify", "--root=" + root, name)
                    .directory(work.toFile()).redirectErrorStream(true).start();
            String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(verify.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(verify.exitValue()).as("systemd-analyze verify %s: %s", name, output).isZero();
            // Unknown keys and bad values are only warnings for systemd: none is acceptable here.
            assertThat(output).as("systemd-analyze verify %s", name).isBlank();
        }
    }

    @Test
    void aBrokenUnitIsCaught() throws IOException, InterruptedException {
        Path root = work.resolve("root");
        Path etc = Files.createDirectories(root.resolve("etc/systemd/system"));
        Files.writeString(etc.resolve("broken.service"), "[Service]\nRestart=sometimes\nExecStart=/nowhere/java\n");

        Process verify = new ProcessBuilder("/usr/bin/systemd-analyze", "verify", "--root=" + root, "broken.service")
                .directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(output).contains("Failed to parse service restart specifier", "/nowhere/java is not executable");
    }
}
