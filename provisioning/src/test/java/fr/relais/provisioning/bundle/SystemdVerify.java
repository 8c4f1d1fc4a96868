package fr.relais.provisioning.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code systemd-analyze verify} on units, in a file system root of their own: the units in
 * /etc/systemd/system, the system's own units (the targets they order after), and stand-ins for
 * the programs they run, which a build machine need not have (cage, java).
 */
public final class SystemdVerify {
    private static final Path SYSTEM_UNITS = Files.isDirectory(Path.of("/usr/lib/systemd/system"))
            ? Path.of("/usr/lib/systemd/system") : Path.of("/lib/systemd/system");
    private static final List<String> PROGRAMS = List.of("usr/bin/java", "usr/bin/cage", "usr/sbin/mosquitto",
            "bin/kill", "usr/bin/systemctl", "opt/relais/relais-screen");

    private SystemdVerify() {
    }

    /** Verifies each unit file (by its file name in the root), failing on any error or warning. */
    public static void verify(Path work, List<Path> units) throws IOException, InterruptedException {
        Path analyze = ProcessResult.onPath("systemd-analyze");
        assertThat(analyze).as("systemd-analyze is not installed: apt-get install systemd (./relais test as root"
                + " installs what the tests need)").isNotNull();
        Path root = work.resolve("systemd-root");
        Path etc = Files.createDirectories(root.resolve("etc/systemd/system"));
        for (Path unit : units) {
            Files.copy(unit, etc.resolve(unit.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Path systemUnits = Files.createDirectories(root.resolve("usr/lib/systemd/system"));
        try (Stream<Path> files = Files.list(SYSTEM_UNITS)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, systemUnits.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (String program : PROGRAMS) {
            Path standIn = root.resolve(program);
            Files.createDirectories(standIn.getParent());
            Files.writeString(standIn, "#!/bin/sh\n");
            Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (Path unit : units) {
            String name = unit.getFileName().toString();
            ProcessResult verify = ProcessResult.run(work, Map.of(), analyze.toString(), "verify", "--root=" + root, name);
            assertThat(verify.exitCode()).as("systemd-analyze verify %s: %s", name, verify.output()).isZero();
            // Unknown keys and bad values are only warnings for systemd: none is acceptable here.
            assertThat(verify.output()).as("systemd-analyze verify %s", name).isBlank();
        }
    }
}
