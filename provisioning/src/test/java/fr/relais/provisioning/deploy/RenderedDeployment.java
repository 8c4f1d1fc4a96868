package fr.relais.provisioning.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.TestMqttClient;
import fr.relais.provisioning.ProvisionMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/**
 * The sample territory rendered into a temporary folder, its broker ports moved to free ones and
 * its certificate made valid for 127.0.0.1 too, and the real mosquitto started on the result.
 */
final class RenderedDeployment implements AutoCloseable {
    static final Path SAMPLE = Path.of("examples/territoire.yaml");
    private static final Set<String> RENDERING = Set.of("init", "render", "add-node", "rotate", "rotate-hub", "revoke");

    final Path root;
    final Path inventory;
    // Distinct by construction: three freePort() calls in a row once returned the same port twice.
    private final int[] ports = MosquittoProcess.freePorts(3);
    final int tlsPort = ports[0];
    final int certificatePort = ports[1];
    final int localPort = ports[2];
    MosquittoProcess broker;

    /** Result of one command line run. */
    record Run(int exit, String out, String err) {
    }

    RenderedDeployment(Path temp) throws IOException {
        // Mosquitto reads its files as its own user after dropping root: it must reach them.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        this.root = temp.resolve("deployment");
        this.inventory = temp.resolve("territoire.yaml");
        String text = Files.readString(SAMPLE, StandardCharsets.UTF_8)
                .replace("tlsPort: 8883", "tlsPort: " + tlsPort)
                .replace("certificatePort: 8884", "certificatePort: " + certificatePort)
                .replace("localPort: 1884", "localPort: " + localPort)
                .replace("host: relais.portes-thierache.example",
                        "host: relais.portes-thierache.example\n  extraNames: [localhost, 127.0.0.1]");
        assertThat(text).contains("tlsPort: " + tlsPort).contains("localPort: " + localPort);
        Files.writeString(inventory, text, StandardCharsets.UTF_8);
    }

    /**
     * Runs a command; those that render do so with {@code --simulated}: these tests are about the
     * broker and the credentials, and must not depend on the drivers of this agent version (nor
     * try to reach printers and GPIO pins when an agent runs the result).
     */
    Run provision(String... args) {
        List<String> words = new ArrayList<>(List.of(args));
        if (!words.isEmpty() && RENDERING.contains(words.get(0))) {
            words.add("--simulated");
        }
        return provisionAsGiven(words.toArray(String[]::new));
    }

    /** Runs a command exactly as given. */
    Run provisionAsGiven(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = ProvisionMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    Run render() {
        Run run = provision("render", "--inventory", inventory.toString(), "--out", root.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        return run;
    }

    MosquittoProcess startBroker() {
        broker = MosquittoProcess.startWithConfig(root.resolve("broker/mosquitto.conf"), root.getParent().resolve("run"),
                localPort);
        return broker;
    }

    String local() {
        return "tcp://127.0.0.1:" + localPort;
    }

    String tls() {
        return "ssl://127.0.0.1:" + tlsPort;
    }

    /** broker.username / broker.password of a node's rendered agent.yaml. */
    JsonNode agentBroker(String node) throws IOException {
        return new YAMLMapper().readTree(root.resolve("nodes").resolve(node).resolve("agent.yaml").toFile()).get("broker");
    }

    String username(String node) throws IOException {
        return agentBroker(node).get("username").asText();
    }

    String password(String node) throws IOException {
        return agentBroker(node).get("password").asText();
    }

    String hubPassword() throws IOException {
        return hubEnv("RELAIS_HUB_MQTT_PASSWORD");
    }

    String hubUsername() throws IOException {
        return hubEnv("RELAIS_HUB_MQTT_USERNAME");
    }

    private String hubEnv(String name) throws IOException {
        return Files.readAllLines(root.resolve("hub/hub.env")).stream()
                .filter(line -> line.startsWith(name + "="))
                .map(line -> line.substring(line.indexOf('=') + 1)).findFirst().orElseThrow();
    }

    TestMqttClient node(String node) throws Exception {
        return TestMqttClient.connect(local(), node, username(node), password(node), null);
    }

    TestMqttClient hub() throws Exception {
        return TestMqttClient.connect(local(), "relais-hub-test", hubUsername(), hubPassword(), null);
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
    }
}
