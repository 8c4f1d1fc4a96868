package fr.relais.provisioning.command;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.device.badge.BadgeHasher;
import fr.relais.provisioning.ProvisionMain;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code badge-hash}: a badge number on the standard input, out its hash with the site's key from
 * the deployment's secret store, which is what the agent rendered for that site computes for the
 * same read (the agent's own loader and hasher), and what a kiosk's technicianBadges then holds.
 */
class BadgeHashCommandTest {
    private static final Path SAMPLE = Path.of("examples/territoire.yaml");
    private static final String KIOSK = "settings: { reader: lecteur-borne }   # its technician's exit";

    @TempDir
    static Path temp;
    private static Path deployment;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void render() {
        deployment = temp.resolve("deployment");
        assertThat(provision("render", "--inventory", SAMPLE.toString(), "--out", deployment.toString(),
                "--simulated")).isZero();
    }

    @Test
    void printsWhatTheSitesAgentComputesForThatRead() throws Exception {
        // As a serial reader gives it, as printed on a 125 kHz card, as copied from a label with separators.
        for (String read : new String[] {"04A31B229C5D80", "0012345678", "04:a3:1b-22 9c.5d:80"}) {
            String rozoy = hash("rozoy", read);
            assertThat(rozoy).as(read).isEqualTo(agentHash("rozoy-pi", read)).matches("[0-9a-f]{64}");
            String montcornet = hash("montcornet", read);
            assertThat(montcornet).as("the same card at another site").isEqualTo(agentHash("montcornet-pi", read))
                    .isNotEqualTo(rozoy);
        }
        assertThat(hash("rozoy", "04:a3:1b-22 9c.5d:80")).as("the agent drops separators and case")
                .isEqualTo(hash("rozoy", "04A31B229C5D80"));
    }

    @Test
    void thePrintedHashInTheInventoryIsATechnicianBadgeOfTheRenderedKiosk() throws Exception {
        // A deployment of its own: the others' tests read the sample's rendering.
        Path own = temp.resolve("with-technician");
        provision("render", "--inventory", SAMPLE.toString(), "--out", own.toString(), "--simulated");
        assertThat(run("0012345678\n", "--site", "rozoy", "--out", own.toString())).as(err.toString()).isZero();
        String hash = out.toString().strip();
        String sample = Files.readString(SAMPLE, StandardCharsets.UTF_8);
        assertThat(sample).contains(KIOSK);
        Path inventory = temp.resolve("with-technician.yaml");
        Files.writeString(inventory, sample.replaceFirst(java.util.regex.Pattern.quote(KIOSK),
                "settings: { reader: lecteur-borne, technicianBadges: [\"" + hash + "\"] }"), StandardCharsets.UTF_8);

        provision("render", "--inventory", inventory.toString(), "--out", own.toString(), "--simulated");

        NodeConfig agent = new ConfigLoader(Map.of()).load(own.resolve("nodes/rozoy-pi/agent.yaml"));
        assertThat(agent.kioskApi().orElseThrow().technicianBadges()).containsExactly(hash)
                .containsExactly(new BadgeHasher(agent.badgeHashKey().orElseThrow()).hash("12345678"));
    }

    @Test
    void refusesWhatNoReaderGivesWithoutRepeatingIt() {
        for (String typed : new String[] {"", "\n", "  \n", "123\n", "0-0-1\n", "1".repeat(33) + "\n",
                "12345678é\n", "1234;5678\n", "1234\t5678\n", "04A3\u00001B22\n"}) {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            assertThat(run(typed, "--site", "rozoy", "--out", deployment.toString())).as(typed)
                    .isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(out.toString()).as(typed).isEmpty();
            assertThat(err.toString()).as(typed).startsWith("not a badge number: ");
            if (typed.strip().length() >= 3) {
                assertThat(err.toString()).as(typed).doesNotContain(typed.strip());
            }
        }
    }

    @Test
    void anUnknownSiteIsNamedWithTheSitesThereAreAndNoKeyIsMade() throws Exception {
        Path store = deployment.resolve("secrets/credentials.json");
        byte[] before = Files.readAllBytes(store);

        assertThat(run("0012345678\n", "--site", "laon", "--out", deployment.toString()))
                .isEqualTo(ExitCodes.INVALID_INPUT);

        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("no site 'laon' in the deployment")
                .contains("rozoy, rozoy-coworking, spi").doesNotContain("12345678");
        assertThat(Files.readAllBytes(store)).as("the store is only read").isEqualTo(before);
    }

    @Test
    void aFolderThatIsNoDeploymentIsSaidSoAndNothingIsWritten() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("empty"));

        assertThat(run("0012345678\n", "--site", "rozoy", "--out", empty.toString()))
                .isEqualTo(ExitCodes.INVALID_INPUT);

        assertThat(err.toString()).contains("no secret store at").contains("render makes it");
        try (var files = Files.list(empty)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void theMainCommandLineHasIt() {
        assertThat(ProvisionMain.commandLine().getSubcommands()).containsKey("badge-hash");
    }

    private String hash(String site, String read) {
        out.getBuffer().setLength(0);
        assertThat(run(read + "\n", "--site", site, "--out", deployment.toString())).as(err.toString()).isZero();
        return out.toString().strip();
    }

    /** What the agent of that node, loading its rendered agent.yaml, sends for a read of that number. */
    private static String agentHash(String node, String read) throws Exception {
        NodeConfig config = new ConfigLoader(Map.of()).load(deployment.resolve("nodes").resolve(node)
                .resolve("agent.yaml"));
        return new BadgeHasher(config.badgeHashKey().orElseThrow()).hash(read);
    }

    private int run(String input, String... args) {
        CommandLine commandLine = new CommandLine(new BadgeHashCommand(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static int provision(String... args) {
        StringWriter errors = new StringWriter();
        CommandLine commandLine = ProvisionMain.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(errors, true));
        int exit = commandLine.execute(args);
        assertThat(exit).as(errors.toString()).isZero();
        return exit;
    }
}
