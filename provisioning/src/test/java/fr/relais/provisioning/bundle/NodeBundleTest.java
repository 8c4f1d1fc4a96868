package fr.relais.provisioning.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeBundleTest {
    @TempDir
    Path out;

    @Test
    void writesTheUnitsTheInstallerAndTheArchiveInAStableOrder() throws IOException {
        List<Path> written = NodeBundle.write(out, Bundles.withKiosk());

        assertThat(written).containsExactly(Path.of("relais-agent.service"), Path.of("relais-kiosk.service"),
                Path.of("install.sh"), Path.of("relais-rozoy-pi-firstboot.tar.gz"));
        assertThat(mode(out.resolve("install.sh"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(out.resolve("relais-agent.service"))).isEqualTo("rw-r--r--");
        // It holds the MQTT password and the client key.
        assertThat(mode(out.resolve("relais-rozoy-pi-firstboot.tar.gz"))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).as("no temporary file left behind").hasSize(4);
        }
    }

    @Test
    void writingTwiceGivesByteIdenticalFilesArchiveIncluded() throws IOException {
        Path first = out.resolve("first");
        Path second = out.resolve("second");
        List<Path> written = NodeBundle.write(first, Bundles.withKiosk());
        NodeBundle.write(second, Bundles.withKiosk());
        Map<Path, byte[]> before = contents(first, written);
        NodeBundle.write(first, Bundles.withKiosk());

        for (Path file : written) {
            assertThat(Files.readAllBytes(second.resolve(file))).as("%s in another folder", file)
                    .isEqualTo(before.get(file));
            assertThat(Files.readAllBytes(first.resolve(file))).as("%s written again", file)
                    .isEqualTo(before.get(file));
        }
    }

    @Test
    void theArchiveHoldsEveryFileUnderOneTopFolderWithItsMode() throws IOException {
        NodeBundle.write(out, Bundles.withKiosk());

        Map<String, Bundles.Entry> entries = Bundles.read(out.resolve("relais-rozoy-pi-firstboot.tar.gz"));

        assertThat(entries.keySet()).containsExactly("relais-rozoy-pi/", "relais-rozoy-pi/README.txt",
                "relais-rozoy-pi/agent.jvm.options", "relais-rozoy-pi/agent.yaml", "relais-rozoy-pi/ca.crt",
                "relais-rozoy-pi/client.crt", "relais-rozoy-pi/client.key", "relais-rozoy-pi/install.sh",
                "relais-rozoy-pi/node.conf", "relais-rozoy-pi/relais-agent-retry.service",
                "relais-rozoy-pi/relais-agent-retry.timer", "relais-rozoy-pi/relais-agent.service",
                "relais-rozoy-pi/relais-kiosk.service", "relais-rozoy-pi/relais-polkit.rules",
                "relais-rozoy-pi/relais-screen", "relais-rozoy-pi/relais-screen@.service",
                "relais-rozoy-pi/relais-udev.rules");
        assertThat(entries.get("relais-rozoy-pi/").directory()).isTrue();
        Map<String, Integer> modes = Map.of("relais-rozoy-pi/", 0755, "relais-rozoy-pi/README.txt", 0644,
                "relais-rozoy-pi/agent.yaml", 0600, "relais-rozoy-pi/ca.crt", 0644,
                "relais-rozoy-pi/client.crt", 0644, "relais-rozoy-pi/client.key", 0600,
                "relais-rozoy-pi/install.sh", 0755, "relais-rozoy-pi/relais-agent.service", 0644,
                "relais-rozoy-pi/relais-kiosk.service", 0644);
        modes.forEach((name, mode) -> assertThat(Integer.toOctalString(entries.get(name).mode())).as(name)
                .isEqualTo(Integer.toOctalString(mode)));
        assertThat(Integer.toOctalString(entries.get("relais-rozoy-pi/relais-screen").mode())).isEqualTo("755");
        assertThat(Integer.toOctalString(entries.get("relais-rozoy-pi/relais-screen@.service").mode())).isEqualTo("644");
        assertThat(entries.values()).allSatisfy(entry -> {
            assertThat(entry.uid()).isZero();
            assertThat(entry.gid()).isZero();
            assertThat(entry.mtimeMillis()).isZero();
        });
        assertThat(entries.get("relais-rozoy-pi/agent.yaml").content()).isEqualTo(Bundles.AGENT_YAML);
        assertThat(entries.get("relais-rozoy-pi/ca.crt").content()).isEqualTo(Bundles.CA);
        assertThat(entries.get("relais-rozoy-pi/client.crt").content()).isEqualTo(Bundles.CLIENT_CRT);
        assertThat(entries.get("relais-rozoy-pi/client.key").content()).isEqualTo(Bundles.CLIENT_KEY);
        assertThat(entries.get("relais-rozoy-pi/install.sh").content())
                .isEqualTo(Files.readAllBytes(out.resolve("install.sh")));
        assertThat(entries.get("relais-rozoy-pi/relais-kiosk.service").content())
                .isEqualTo(Files.readAllBytes(out.resolve("relais-kiosk.service")));
    }

    @Test
    void theGzipHeaderHasNoTimeAndNoName() throws IOException {
        NodeBundle.write(out, Bundles.withKiosk());
        byte[] archive = Files.readAllBytes(out.resolve("relais-rozoy-pi-firstboot.tar.gz"));

        assertThat(archive[0] & 0xff).isEqualTo(0x1f);
        assertThat(archive[1] & 0xff).isEqualTo(0x8b);
        assertThat(archive[3]).as("FLG: no FNAME, no FCOMMENT, no FEXTRA").isZero();
        assertThat(new byte[] {archive[4], archive[5], archive[6], archive[7]}).as("MTIME").containsOnly(0);
    }

    @Test
    void aNodeWithoutKioskGetsNoKioskUnitAndNoClientFilesWhenNoneAreGiven() throws IOException {
        List<Path> written = NodeBundle.write(out, Bundles.agentOnly());

        assertThat(written).containsExactly(Path.of("relais-agent.service"), Path.of("install.sh"),
                Path.of("relais-spi-pi-firstboot.tar.gz"));
        assertThat(out.resolve("relais-kiosk.service")).doesNotExist();
        Map<String, Bundles.Entry> entries = Bundles.read(out.resolve("relais-spi-pi-firstboot.tar.gz"));
        assertThat(entries.keySet()).containsExactly(
                "relais-spi-pi/", "relais-spi-pi/README.txt", "relais-spi-pi/agent.jvm.options",
                "relais-spi-pi/agent.yaml", "relais-spi-pi/ca.crt", "relais-spi-pi/install.sh", "relais-spi-pi/node.conf",
                "relais-spi-pi/relais-agent-retry.service", "relais-spi-pi/relais-agent-retry.timer",
                "relais-spi-pi/relais-agent.service", "relais-spi-pi/relais-polkit.rules", "relais-spi-pi/relais-udev.rules");
        assertThat(new String(entries.get("relais-spi-pi/node.conf").content(), StandardCharsets.UTF_8))
                .endsWith("NODE=spi-pi\nSITE=spi\nHAS_KIOSK=0\nHAS_CLIENT_CERTIFICATE=0\nHAS_SITE_BROKER=0\n");
        String readme = new String(Bundles.read(out.resolve("relais-spi-pi-firstboot.tar.gz"))
                .get("relais-spi-pi/README.txt").content(), StandardCharsets.UTF_8);
        assertThat(readme).contains("node spi-pi", "sudo ./relais-spi-pi/install.sh").doesNotContain("kiosk", "{{");
    }

    @Test
    void theReadmeOfAKioskNodeSaysHowTheKioskRuns() throws IOException {
        NodeBundle.write(out, Bundles.withKiosk());
        String readme = new String(Bundles.read(out.resolve("relais-rozoy-pi-firstboot.tar.gz"))
                .get("relais-rozoy-pi/README.txt").content(), StandardCharsets.UTF_8);

        assertThat(readme).contains("tar -xzf relais-rozoy-pi-firstboot.tar.gz", "relais-kiosk.jar kiosk.yaml",
                "-Djavafx.platform=linux-aarch64", "cage", "lightdm", "client.key").doesNotContain("{{");
    }

    /** One source of truth: a bundle carries edge-agent/packaging as it is, every file of it. */
    @Test
    void theInstallerUnitsAndRulesAreThoseOfTheAgentsPackagingUnchanged() throws IOException {
        BundleInput everything = new BundleInput("rozoy-pi", "rozoy", true, Bundles.AGENT_YAML, Bundles.CA,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("listener 1884\n".getBytes(
                        StandardCharsets.UTF_8)));
        NodeBundle.write(out, everything);
        Map<String, Bundles.Entry> entries = Bundles.read(out.resolve("relais-rozoy-pi-firstboot.tar.gz"));
        Path packaging = Path.of("../edge-agent/packaging");

        try (Stream<Path> files = Files.list(packaging)) {
            for (Path file : files.toList()) {
                Bundles.Entry entry = entries.get("relais-rozoy-pi/" + file.getFileName());
                assertThat(entry).as("%s in the bundle", file.getFileName()).isNotNull();
                assertThat(entry.content()).as("%s in the bundle", file.getFileName())
                        .isEqualTo(Files.readAllBytes(file));
                assertThat(Files.isExecutable(file)).as("%s executable in both", file.getFileName())
                        .isEqualTo((entry.mode() & 0100) != 0);
            }
        }
        assertThat(out.resolve("install.sh")).hasSameBinaryContentAs(packaging.resolve("install.sh"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc", "a/b", "..", "/root", "Rozoy", "rozoy pi", ""})
    void aNodeIdThatCouldLeaveItsFolderIsRefusedNamingIt(String nodeId) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BundleInput(nodeId, "rozoy", false, Bundles.AGENT_YAML, Bundles.CA,
                        Optional.empty(), Optional.empty()))
                .withMessageContaining("node id '" + nodeId + "'");
    }

    @Test
    void aSiteIdWithASlashIsRefusedToo() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BundleInput("rozoy-pi", "../rozoy", false, Bundles.AGENT_YAML, Bundles.CA,
                        Optional.empty(), Optional.empty()))
                .withMessageContaining("site id '../rozoy'");
    }

    @Test
    void aClientKeyWithoutItsCertificateIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BundleInput("rozoy-pi", "rozoy", false, Bundles.AGENT_YAML, Bundles.CA,
                        Optional.empty(), Optional.of(Bundles.CLIENT_KEY)))
                .withMessageContaining("rozoy-pi").withMessageContaining("a key without a certificate");
    }

    @Test
    void laterChangesToTheCallersArraysDoNotReachTheBundle() throws IOException {
        byte[] yaml = Bundles.AGENT_YAML.clone();
        BundleInput input = new BundleInput("rozoy-pi", "rozoy", false, yaml, Bundles.CA, Optional.empty(),
                Optional.empty());
        yaml[0] = '#';

        NodeBundle.write(out, input);

        assertThat(Bundles.read(out.resolve("relais-rozoy-pi-firstboot.tar.gz")).get("relais-rozoy-pi/agent.yaml")
                .content()).isEqualTo(Bundles.AGENT_YAML);
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static Map<Path, byte[]> contents(Path folder, List<Path> files) throws IOException {
        Map<Path, byte[]> contents = new java.util.HashMap<>();
        for (Path file : files) {
            contents.put(file, Files.readAllBytes(folder.resolve(file)));
        }
        return contents;
    }
}
