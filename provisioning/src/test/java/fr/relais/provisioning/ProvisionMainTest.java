package fr.relais.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProvisionMainTest {
    private static final String SAMPLE = Path.of("examples", "territoire.yaml").toString();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void helpListsTheSubcommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: relais-provision", "validate", "demo-configs");
    }

    @Test
    void eachSubcommandHasItsHelp() {
        assertThat(run("demo-configs", "--help")).isZero();
        assertThat(out.toString()).contains("--inventory=FILE", "--broker-url=URL", "--out=DIR",
                "--telemetry-interval=SECONDS", "(default: 5)");
        assertThat(run("help", "validate")).isZero();
        assertThat(out.toString()).contains("Usage: relais-provision validate");
    }

    @Test
    void withoutASubcommandShowsTheUsageAndFails() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing subcommand", "Usage: relais-provision");
    }

    @Test
    void aRotationWithANegativeOrHugeOverlapIsRefusedBeforeAnythingIsWritten() {
        Path out = dir.resolve("deployment");
        for (String[] command : new String[][] {{"rotate", "rozoy-pi"}, {"rotate-hub"}}) {
            for (String hours : new String[] {"-1", "9000"}) {
                String[] args = Stream.concat(Stream.of(command), Stream.of("--overlap-hours", hours, "--simulated",
                        "--inventory", SAMPLE, "--out", out.toString())).toArray(String[]::new);
                assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
                assertThat(err.toString()).contains("--overlap-hours must be between 0 and 8760");
                assertThat(out.resolve("secrets")).as("no deployment made").doesNotExist();
            }
        }
    }

    @Test
    void validateSummarisesAValidInventory() {
        // Without --simulated too once the hardware drivers are in the agent: SampleWithRealDriversTest.
        assertThat(run("validate", "--simulated", "--inventory", SAMPLE)).isZero();
        assertThat(out.toString().strip()).isEqualTo(SAMPLE + ": valid, Communauté de communes des Portes de la "
                + "Thiérache: 6 sites, 6 nodes, 52 devices");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void validateNamesTheLineOfADriverTheAgentDoesNotHave() throws IOException {
        Path inventory = Files.writeString(dir.resolve("territoire.yaml"), ONE_PRINTER.formatted("driver: ipx  # <-"));

        assertThat(run("validate", "--inventory", inventory.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith(inventory + " line " + marked(inventory)
                        + ", sites[0].nodes[0].devices[0].driver: no driver 'ipx' in this version of the agent")
                .contains("available: ").contains("simulated");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void validateNamesTheLineOfASettingTheDriverRefuses() throws IOException {
        // The simulated driver takes flat values only: a list is what it refuses on this agent version.
        Path inventory = Files.writeString(dir.resolve("territoire.yaml"), ONE_PRINTER.formatted("""
                driver: simulated
                            settings:
                              tonerPercent: [80, 90]  # <-"""));

        assertThat(run("validate", "--inventory", inventory.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith(inventory + " line " + marked(inventory)
                + ", sites[0].nodes[0].devices[0].settings.tonerPercent: must be a number, a boolean or a text");
    }

    @Test
    void validateSimulatedChecksTheDemoConfigurationsNotTheDrivers() throws IOException {
        Path inventory = Files.writeString(dir.resolve("territoire.yaml"), ONE_PRINTER.formatted("driver: ipx"));

        assertThat(run("validate", "--simulated", "--inventory", inventory.toString())).isZero();
        assertThat(out.toString()).contains(": valid, T: 1 site, 1 node, 1 device");
    }

    /** One site, one node, one printer; %s is the rest of the printer's fields. */
    private static final String ONE_PRINTER = """
            territory: T
            sites:
              - id: rozoy
                name: Rozoy
                kind: mediation
                commune: Rozoy-sur-Serre
                nodes:
                  - id: rozoy-pi
                    devices:
                      - id: imprimante
                        kind: printer
                        name: Imprimante
                        %s
            """;

    private static int marked(Path inventory) throws IOException {
        List<String> lines = Files.readAllLines(inventory);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("# <-")) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no line marked # <-");
    }

    @Test
    void validateNamesTheLineAndFieldOfAnInvalidInventory() throws IOException {
        Path inventory = Files.writeString(dir.resolve("territoire.yaml"), """
                territory: T
                sites:
                  - id: rozoy
                    name: Rozoy
                    kind: mediation
                    commune: Rozoy-sur-Serre
                    nodes:
                      - id: rozoy-pi
                        devices:
                          - { id: grille-pain, kind: toaster, name: Grille-pain }
                """);

        assertThat(run("validate", "--inventory", inventory.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(inventory + " line 10, sites[0].nodes[0].devices[0].kind: 'toaster' is not one of");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void validateRefusesAMissingFile() {
        assertThat(run("validate", "--inventory", dir.resolve("none.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("none.yaml: no such file");
    }

    @Test
    void demoConfigsWritesEveryNodeAndSaysSo() {
        Path configs = dir.resolve("configs");
        assertThat(run("demo-configs", "--inventory", SAMPLE, "--broker-url", "tcp://127.0.0.1:18830",
                "--out", configs.toString())).isZero();

        assertThat(out.toString().lines()).hasSize(6)
                .first().isEqualTo("rozoy-pi: " + configs.resolve("rozoy-pi").resolve("agent.yaml")
                        + " (11 simulated devices)");
        assertThat(configs.resolve("spi-pi").resolve("agent.yaml")).isRegularFile();
    }

    @Test
    void demoConfigsMakesTheDemoAccessKeyOnceAndGivesItsPublicHalfToTheDoorNodesOnly() throws Exception {
        Path configs = dir.resolve("configs");
        Path key = dir.resolve("demo").resolve("access-signing-key.pem");
        String[] args = {"demo-configs", "--inventory", SAMPLE, "--broker-url", "tcp://127.0.0.1:18830",
            "--out", configs.toString(), "--access-signing-key", key.toString()};

        assertThat(run(args)).isZero();
        String privatePem = Files.readString(key);
        assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(java.nio.file.Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        String publicKey = java.util.Base64.getEncoder().encodeToString(fr.relais.protocol.access.AccessKeys
                .readPublic(Files.readString(dir.resolve("demo").resolve("access-signing-key.pem.pub"))).getEncoded());
        assertThat(Files.readString(configs.resolve("rozoy-coworking-pi").resolve("agent.yaml")))
                .as("the coworking door's node").contains("publicKey: ", publicKey);
        // Every place of the sample has a badge reader (under its kiosk at least): every node gets the
        // key. A place without one gets none (NodeAgentConfigTest, AccessSigningKeyTest).
        assertThat(Files.readString(configs.resolve("spi-pi").resolve("agent.yaml")))
                .as("the van's kiosk reader").contains("publicKey: ", publicKey);

        assertThat(run(args)).as("a second demo start").isZero();
        assertThat(Files.readString(key)).as("the same key, so the doors' lists stay valid").isEqualTo(privatePem);
    }

    @Test
    void demoConfigsRefusesAnAccessKeyThatIsNotOne() throws IOException {
        Path key = Files.writeString(dir.resolve("access-signing-key.pem"), "not a key");
        Files.writeString(dir.resolve("access-signing-key.pem.pub"), "not a key either");

        assertThat(run("demo-configs", "--inventory", SAMPLE, "--broker-url", "tcp://127.0.0.1:1883",
                "--out", dir.resolve("configs").toString(), "--access-signing-key", key.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("cannot make or read the demo's access key", "not an Ed25519 key pair");
    }

    @Test
    void demoConfigsWritesNothingFromAnInvalidInventory() throws IOException {
        Path inventory = Files.writeString(dir.resolve("territoire.yaml"), "territory: T\nsites: []\n");
        Path configs = dir.resolve("configs");

        assertThat(run("demo-configs", "--inventory", inventory.toString(), "--broker-url", "tcp://127.0.0.1:1883",
                "--out", configs.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("line 2, sites: must list at least one site");
        assertThat(configs).doesNotExist();
    }

    @Test
    void demoConfigsRefusesABrokerUrlTheAgentWouldRefuse() {
        assertThat(run("demo-configs", "--inventory", SAMPLE, "--broker-url", "mqtt://127.0.0.1",
                "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("broker URL 'mqtt://127.0.0.1' must look like tcp://host:1883");
    }

    @Test
    void demoConfigsRefusesAMissingOption() {
        assertThat(run("demo-configs", "--inventory", SAMPLE, "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--broker-url=URL'");
    }

    @Test
    void demoConfigsFailsWhenItCannotWrite() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("file"), "in the way");

        assertThat(run("demo-configs", "--inventory", SAMPLE, "--broker-url", "tcp://127.0.0.1:1883",
                "--out", notAFolder.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("cannot write the demo configurations under " + notAFolder);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(notAFolder);
        }
    }

    private int run(String... args) {
        CommandLine commandLine = ProvisionMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
