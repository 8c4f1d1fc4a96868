package fr.relais.provisioning.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated install.sh, checked statically and run for real from an extracted bundle into a DESTDIR. */
class InstallScriptTest {
    private static final Map<String, String> STAGED = Map.of("RELAIS_SKIP_APT", "1", "RELAIS_NO_SYSTEMCTL", "1",
            "RELAIS_ALLOW_ANY_ARCH", "1");

    @TempDir
    Path work;

    @Test
    void theScriptIsValidBashWithAndWithoutKiosk() throws Exception {
        for (BundleInput input : List.of(Bundles.withKiosk(), Bundles.agentOnly())) {
            Path folder = work.resolve(input.nodeId());
            NodeBundle.write(folder, input);
            ProcessResult syntax = ProcessResult.run(folder, Map.of(), "bash", "-n", "install.sh");
            assertThat(syntax.exitCode()).as("bash -n: %s", syntax.output()).isZero();

            Path shellcheck = ProcessResult.onPath("shellcheck");
            assertThat(shellcheck).as("shellcheck is not installed: apt-get install shellcheck (./relais test as root"
                    + " installs what the tests need)").isNotNull();
            ProcessResult lint = ProcessResult.run(folder, Map.of(), shellcheck.toString(), "-s", "bash", "install.sh");
            assertThat(lint.exitCode()).as("shellcheck: %s", lint.output()).isZero();
        }
    }

    @Test
    void installsTheFilesWithTheirModesAndRunsAgain() throws Exception {
        Path bundle = extractedBundle(Bundles.withKiosk());
        Files.writeString(bundle.resolve("relais-agent.jar"), "not really a jar");
        Files.writeString(bundle.resolve("relais-kiosk.jar"), "not really a kiosk jar");
        Files.writeString(bundle.resolve("kiosk.yaml"), "site: {name: Rozoy, kind: mediation}\n");
        Path dest = work.resolve("dest");

        ProcessResult first = install(bundle, dest);

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("not creating the system user relais ", "chown relais:relais /etc/relais/agent.yaml",
                "not creating the system user relais-kiosk", "nor adding it to: gpio input dialout",
                "not creating the group gpio if it is missing", "not running: udevadm control --reload",
                "not running: udevadm trigger --action=change --subsystem-match=gpio --subsystem-match=tty"
                        + " --subsystem-match=input --subsystem-match=backlight");
        Map<String, String> expected = new HashMap<>(Map.of(
                "etc/relais", "rwxrwx--t",
                "etc/relais/agent.yaml", "rw-------",
                "etc/relais/ca.crt", "rw-r--r--",
                "etc/relais/client.crt", "rw-r--r--",
                "etc/relais/client.key", "rw-------",
                "etc/relais/kiosk.yaml", "rw-r--r--",
                "etc/systemd/system/relais-agent.service", "rw-r--r--",
                "etc/systemd/system/relais-kiosk.service", "rw-r--r--",
                "opt/relais/relais-agent.jar", "rw-r--r--",
                "opt/relais/relais-kiosk.jar", "rw-r--r--"));
        expected.put("var/lib/relais", "rwxr-x---");
        expected.put("etc/relais/agent.jvm.options", "rw-r--r--");
        expected.put("etc/systemd/system/relais-agent-retry.service", "rw-r--r--");
        expected.put("etc/systemd/system/relais-agent-retry.timer", "rw-r--r--");
        expected.put("etc/udev/rules.d/70-relais.rules", "rw-r--r--");
        expected.put("etc/polkit-1/rules.d/50-relais-agent.rules", "rw-r--r--");
        expected.put("etc/systemd/system/relais-screen@.service", "rw-r--r--");
        // Run by that unit as relais-kiosk, who may not change it.
        expected.put("opt/relais/relais-screen", "rwxr-xr-x");
        assertThat(modes(dest)).containsAllEntriesOf(withoutSticky(expected));
        // Sticky: set-config may not replace root's files. Others may pass: relais-kiosk reads kiosk.yaml.
        assertThat(octalMode(dest.resolve("etc/relais"))).isEqualTo("1771");
        assertThat(dest.resolve("etc/relais/agent.yaml")).hasBinaryContent(Bundles.AGENT_YAML);
        assertThat(dest.resolve("etc/systemd/system/relais-agent.service"))
                .hasSameBinaryContentAs(bundle.resolve("relais-agent.service"));
        assertThat(dest.resolve("opt/relais/relais-kiosk.jar")).hasContent("not really a kiosk jar");
        assertThat(dest.resolve("etc/udev/rules.d/70-relais.rules")).hasSameBinaryContentAs(bundle.resolve("relais-udev.rules"));
        assertThat(dest.resolve("etc/relais/agent.jvm.options")).hasSameBinaryContentAs(bundle.resolve("agent.jvm.options"));
        assertThat(dest.resolve("opt/relais/relais-screen")).hasSameBinaryContentAs(bundle.resolve("relais-screen"));
        assertThat(first.output()).contains("chown root:root /opt/relais/relais-screen");
        Map<String, String> afterFirst = modes(dest);

        ProcessResult second = install(bundle, dest);

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).doesNotContain("installed /").doesNotContain("udevadm");
        assertThat(modes(dest)).isEqualTo(afterFirst);
    }

    @Test
    void aNodeWithASiteBrokerGetsItsConfigurationReadableByMosquittoOnly() throws Exception {
        Path bundle = extractedBundle(Bundles.withSiteBroker());
        Files.writeString(bundle.resolve("relais-agent.jar"), "not really a jar");
        Path dest = work.resolve("dest");

        ProcessResult result = install(bundle, dest);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(modes(dest)).containsEntry("etc/relais-site-broker/mosquitto.conf", "rw-r-----")
                .containsEntry("etc/relais-site-broker/ca.crt", "rw-r--r--")
                .containsKey("etc/systemd/system/relais-site-broker.service");
        assertThat(result.output()).contains("chown root:mosquitto /etc/relais-site-broker/mosquitto.conf");
    }

    @Test
    void anAgentOnlyNodeGetsNoKioskFiles() throws Exception {
        Path bundle = extractedBundle(Bundles.agentOnly());
        Files.writeString(bundle.resolve("relais-agent.jar"), "not really a jar");
        Path dest = work.resolve("dest");

        ProcessResult result = install(bundle, dest);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(modes(dest)).containsKeys("etc/relais/agent.yaml", "etc/relais/ca.crt",
                "etc/systemd/system/relais-agent.service", "opt/relais/relais-agent.jar")
                .doesNotContainKeys("etc/relais/client.key", "etc/systemd/system/relais-kiosk.service",
                        "opt/relais/relais-kiosk.jar", "etc/systemd/system/relais-screen@.service",
                        "opt/relais/relais-screen");
        assertThat(result.output()).doesNotContain("kiosk");
        assertThat(octalMode(dest.resolve("etc/relais"))).as("no one else needs to pass").isEqualTo("1770");
    }

    @Test
    void aJarAlreadyInOptIsEnough() throws Exception {
        Path bundle = extractedBundle(Bundles.agentOnly());
        Path dest = work.resolve("dest");
        Files.createDirectories(dest.resolve("opt/relais"));
        Files.writeString(dest.resolve("opt/relais/relais-agent.jar"), "installed earlier");

        ProcessResult result = install(bundle, dest);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(dest.resolve("opt/relais/relais-agent.jar")).hasContent("installed earlier");
    }

    @Test
    void withoutTheJarItExitsWithOneNamingItAndChangesNothing() throws Exception {
        Path bundle = extractedBundle(Bundles.agentOnly());
        Path dest = work.resolve("dest");

        ProcessResult result = install(bundle, dest);

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("missing relais-agent.jar", bundle + "/", "/opt/relais/",
                "./relais build");
        assertThat(dest).doesNotExist();
    }

    @Test
    void aConfigurationChangedOnThePiIsKeptBeforeBeingReplaced() throws Exception {
        Path bundle = extractedBundle(Bundles.agentOnly());
        Files.writeString(bundle.resolve("relais-agent.jar"), "not really a jar");
        Path dest = work.resolve("dest");
        assertThat(install(bundle, dest).exitCode()).isZero();
        Files.writeString(dest.resolve("etc/relais/agent.yaml"), "changed by set-config\n");

        ProcessResult again = install(bundle, dest);

        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(dest.resolve("etc/relais/agent.yaml")).hasBinaryContent(Bundles.AGENT_YAML);
        try (Stream<Path> files = Files.list(dest.resolve("etc/relais"))) {
            assertThat(files.filter(file -> file.getFileName().toString().startsWith("agent.yaml.before-install-")))
                    .singleElement().satisfies(kept -> assertThat(kept).hasContent("changed by set-config"));
        }
    }

    @Test
    void refusesAnotherArchitectureUnlessAllowed() throws Exception {
        Path bundle = extractedBundle(Bundles.agentOnly());
        Files.writeString(bundle.resolve("relais-agent.jar"), "not really a jar");
        Path bin = fakeCommand("uname", "echo x86_64");
        Map<String, String> environment = new HashMap<>(Map.of("DESTDIR", work.resolve("dest").toString(),
                "RELAIS_SKIP_APT", "1", "RELAIS_NO_SYSTEMCTL", "1"));
        environment.put("PATH", bin + ":" + System.getenv("PATH"));

        ProcessResult result = ProcessResult.run(bundle, environment, "./install.sh");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("aarch64", "x86_64");
    }

    @Test
    void refusesToInstallOnTheSystemWithoutRoot() throws Exception {
        Path bundle = extractedBundle(Bundles.agentOnly());
        Files.writeString(bundle.resolve("relais-agent.jar"), "not really a jar");
        Path bin = fakeCommand("id", "echo 1000");
        Map<String, String> environment = new HashMap<>(Map.of("RELAIS_SKIP_APT", "1", "RELAIS_NO_SYSTEMCTL", "1",
                "RELAIS_ALLOW_ANY_ARCH", "1"));
        environment.put("PATH", bin + ":" + System.getenv("PATH"));

        ProcessResult result = ProcessResult.run(bundle, environment, "./install.sh");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("run me as root: sudo");
    }

    @Test
    void aTamperedNodeConfIsRefusedBeforeAnythingChanges() throws Exception {
        Path bundle = extractedBundle(Bundles.agentOnly());
        Files.writeString(bundle.resolve("relais-agent.jar"), "not really a jar");
        Path dest = work.resolve("dest");
        String original = Files.readString(bundle.resolve("node.conf"));

        Files.writeString(bundle.resolve("node.conf"), original.replace("NODE=spi-pi", "NODE=$(touch pwned)"));
        ProcessResult injected = install(bundle, dest);
        Files.writeString(bundle.resolve("node.conf"), original + "HAS_PRINTER=1\n");
        ProcessResult unknown = install(bundle, dest);
        Files.writeString(bundle.resolve("node.conf"), original.replace("HAS_KIOSK=0", "HAS_KIOSK=yes"));
        ProcessResult notAFlag = install(bundle, dest);

        assertThat(injected.exitCode()).isEqualTo(1);
        assertThat(injected.output()).contains("node.conf: NODE '$(touch pwned)' is not an id");
        assertThat(bundle.resolve("pwned")).doesNotExist();
        assertThat(unknown.output()).contains("node.conf: unknown setting 'HAS_PRINTER'");
        assertThat(notAFlag.output()).contains("node.conf: HAS_KIOSK must be 0 or 1, got 'yes'");
        assertThat(dest).doesNotExist();
    }

    @Test
    void aBundleTakesNoArguments() throws Exception {
        Path bundle = extractedBundle(Bundles.agentOnly());
        Map<String, String> environment = new HashMap<>(STAGED);
        environment.put("DESTDIR", work.resolve("dest").toString());

        ProcessResult result = ProcessResult.run(bundle, environment, "./install.sh", "other.jar", "other.yaml");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("this is the bundle of a node");
    }

    private Path extractedBundle(BundleInput input) throws Exception {
        Path rendered = work.resolve("rendered");
        NodeBundle.write(rendered, input);
        Bundles.extract(rendered.resolve("relais-" + input.nodeId() + "-firstboot.tar.gz"), work.resolve("pi"));
        return work.resolve("pi").resolve("relais-" + input.nodeId());
    }

    private ProcessResult install(Path bundle, Path dest) throws IOException, InterruptedException {
        Map<String, String> environment = new HashMap<>(STAGED);
        environment.put("DESTDIR", dest.toString());
        return ProcessResult.run(bundle, environment, "./install.sh");
    }

    /** A folder to put first on the PATH, holding a script that stands for a system command. */
    private Path fakeCommand(String name, String body) throws IOException {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path command = bin.resolve(name);
        Files.writeString(command, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(command, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    /** Every file and folder under root with its permissions, e.g. "etc/relais/agent.yaml" → "rw-------". */
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

    /** Java's permissions have no sticky bit: "rwxrwx--t" is checked by octalMode(), the rest here. */
    private static Map<String, String> withoutSticky(Map<String, String> expected) {
        Map<String, String> result = new HashMap<>();
        expected.forEach((path, mode) -> result.put(path, mode.replace('t', 'x').replace('T', '-')));
        return result;
    }

    private static String octalMode(Path file) throws IOException, InterruptedException {
        return ProcessResult.run(file.getParent(), Map.of(), "stat", "-c", "%a", file.toString()).output().strip();
    }
}
