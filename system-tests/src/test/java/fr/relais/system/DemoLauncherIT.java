package fr.relais.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.broker.MosquittoProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ./relais demo} as a newcomer runs it: the six places of the sample inventory appear
 * with their kinds, every node comes online, and SIGTERM leaves no process behind.
 */
class DemoLauncherIT {
    private static final Map<String, String> SITE_KINDS = new TreeMap<>(Map.of(
            "rozoy", "mediation", "montcornet", "mediation", "dizy-le-gros", "mediation",
            "brunehamel", "mediation", "rozoy-coworking", "coworking", "spi", "van"));

    /** With mosquitto, and with the embedded broker a machine without mosquitto falls back to. */
    @ParameterizedTest
    @ValueSource(strings = {"mosquitto", "embedded"})
    void runsTheWholeSystemAndStopsCleanly(String broker, @TempDir Path data) throws Exception {
        int port = MosquittoProcess.freePort();
        ProcessBuilder builder = new ProcessBuilder(Repository.root().resolve("relais").toString(), "demo",
                "--port", Integer.toString(port), "--data", data.toString(), "--broker", broker,
                "--admin-password", HubApi.ADMIN_PASSWORD)
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("launcher.log").toFile());
        builder.environment().put("RELAIS_NO_BUILD", "1"); // the reactor has just built every jar
        Process launcher = builder.start();
        List<ProcessHandle> family = new ArrayList<>();
        try {
            run(launcher, family, broker, port, data);
        } catch (org.awaitility.core.ConditionTimeoutException | AssertionError e) {
            // The data folder is deleted after the test: say what the demo said, or a CI failure is a riddle.
            throw new AssertionError(e.getMessage() + "\n" + logs(data), e);
        } finally {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            family.forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    private static void run(Process launcher, List<ProcessHandle> family, String broker, int port, Path data)
            throws Exception {
        Path tokenFile = data.resolve("admin-token");
        await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(tokenFile) && Files.size(tokenFile) > 0);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
        // hub.db holds password hashes, the logs name accounts: the user's alone (umask 077).
        for (Path file : List.of(data.resolve("hub.db"), data.resolve("logs/hub.log"), data.resolve("logs/agents.log"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("logs"))))
                .isEqualTo("rwx------");
        HubApi api = HubApi.withToken(port, Files.readString(tokenFile).trim());
        await().atMost(Duration.ofSeconds(120)).until(() -> sites(api).equals(SITE_KINDS));
        assertThat(new HubApi(port).get("/api/me").path("username").asText()).as("the password given")
                .isEqualTo("admin");
        await().atMost(Duration.ofSeconds(60)).until(() -> onlineNodes(api) == SITE_KINDS.size());
        JsonNode nodes = api.get("/api/nodes");
        assertThat(nodes).hasSize(SITE_KINDS.size());
        nodes.forEach(node -> assertThat(node.path("online").asBoolean()).as(node.toString()).isTrue());
        assertThat(api.get("/api/devices").size()).isGreaterThan(SITE_KINDS.size() * 3);
        assertThat(Files.readString(data.resolve("launcher.log")))
                .contains("http://127.0.0.1:" + port + "/")
                .contains("Login:      user admin, password " + HubApi.ADMIN_PASSWORD)
                .contains("Authorization: Bearer $(cat " + data + "/admin-token)")
                .contains(broker.equals("embedded") ? "embedded development broker" : "broker: mosquitto");

        launcher.descendants().forEach(family::add);
        assertThat(family).as("broker, hub and agents run under the launcher").hasSizeGreaterThanOrEqualTo(3);
        launcher.destroy(); // SIGTERM
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).as("the launcher stops within a minute").isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> family.stream().noneMatch(ProcessHandle::isAlive));
    }

    /** The launcher's output and the end of each log the demo wrote. */
    private static String logs(Path data) {
        StringBuilder text = new StringBuilder();
        List<Path> files = new ArrayList<>(List.of(data.resolve("launcher.log")));
        try (java.util.stream.Stream<Path> logs = Files.list(data.resolve("logs"))) {
            logs.sorted().forEach(files::add);
        } catch (java.io.IOException e) {
            text.append("(no logs folder: ").append(e).append(")\n");
        }
        for (Path file : files) {
            try {
                List<String> lines = Files.readAllLines(file);
                text.append("--- ").append(file.getFileName()).append(" (last 40 lines)\n");
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(line -> text.append(line).append('\n'));
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                text.append("--- ").append(file.getFileName()).append(": ").append(e).append('\n');
            }
        }
        return text.toString();
    }

    private static Map<String, String> sites(HubApi api) {
        Map<String, String> kinds = new TreeMap<>();
        api.poll("/api/sites").ifPresent(sites -> sites.forEach(site ->
                kinds.put(site.path("id").asText(), site.path("kind").asText())));
        return kinds;
    }

    private static long onlineNodes(HubApi api) {
        return api.poll("/api/nodes").map(nodes -> {
            long online = 0;
            for (JsonNode node : nodes) {
                online += node.path("online").asBoolean() ? 1 : 0;
            }
            return online;
        }).orElse(0L);
    }
}
