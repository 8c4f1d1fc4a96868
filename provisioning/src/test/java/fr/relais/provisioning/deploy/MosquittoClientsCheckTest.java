package fr.relais.provisioning.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check a technician runs by hand, with Mosquitto's own command-line clients: node A's
 * credentials, read from its agent.yaml, publish to node B's telemetry and to A's own, over TLS
 * with the deployment's CA; a subscriber with the hub's credentials sees only A's own.
 */
class MosquittoClientsCheckTest {
    @TempDir
    Path temp;

    @Test
    void nodeACannotPublishUnderNodeBButUnderItsOwnTopics() throws Exception {
        String pub = tool("mosquitto_pub");
        String sub = tool("mosquitto_sub");
        try (RenderedDeployment deployment = new RenderedDeployment(temp)) {
            deployment.render();
            deployment.startBroker();
            Path received = temp.resolve("received.txt");
            Process subscriber = new ProcessBuilder(sub, "-h", "127.0.0.1", "-p", Integer.toString(deployment.localPort),
                    "-u", "relais-hub", "-P", deployment.hubPassword(), "-i", "check-hub", "-q", "1", "-v",
                    "-t", "relais/v1/#").redirectErrorStream(true).redirectOutput(received.toFile()).start();
            try {
                String ca = deployment.root.resolve("nodes/rozoy-pi/ca.crt").toString();
                List<String> asA = List.of(pub, "-h", "localhost", "-p", Integer.toString(deployment.tlsPort),
                        "--cafile", ca, "-u", deployment.username("rozoy-pi"), "-P", deployment.password("rozoy-pi"),
                        "-i", "rozoy-pi", "-q", "1");
                // The subscriber says nothing once subscribed: the hub's own state, sent until it shows, tells.
                List<String> asHub = List.of(pub, "-h", "127.0.0.1", "-p", Integer.toString(deployment.localPort),
                        "-u", "relais-hub", "-P", deployment.hubPassword(), "-i", "check-hub-pub", "-q", "1");
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
                    run(asHub, "-t", "relais/v1/_hub/state", "-m", "ready");
                    return Files.readString(received).contains("ready");
                });
                run(asA, "-t", "relais/v1/montcornet/montcornet-pi/telemetry", "-m", "forged-by-a");
                run(asA, "-t", "relais/v1/rozoy/rozoy-pi/telemetry", "-m", "from-a");
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(received).contains("from-a"));
                assertThat(Files.readString(received, StandardCharsets.UTF_8))
                        .contains("relais/v1/rozoy/rozoy-pi/telemetry from-a").doesNotContain("forged-by-a");
            } finally {
                subscriber.destroy();
                subscriber.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static void run(List<String> base, String... more) throws Exception {
        List<String> command = new ArrayList<>(base);
        command.addAll(List.of(more));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        // Mosquitto acknowledges a publish its ACL refuses (MQTT 3.1.1 has no way to say no): exit 0 both times.
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + said).isZero();
    }

    private static String tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        return fail(name + " is not installed: sudo apt-get install mosquitto-clients (./relais test as root does it)");
    }
}
