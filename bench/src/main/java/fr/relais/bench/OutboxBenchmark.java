package fr.relais.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.broker.MosquittoProcess;
import fr.relais.hub.Hub;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.MqttSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * With the broker down, an agent stores a burst of telemetry in its outbox; then mosquitto and
 * the hub come up and the agent replays everything into the hub. What was delivered and lost is
 * counted in the hub's database, not by the agent.
 */
@Command(name = "outbox", mixinStandardHelpOptions = true,
        description = "Store-and-forward: a burst stored offline, then replayed through mosquitto into the hub.")
final class OutboxBenchmark implements Callable<Integer> {
    static final String NODE = "bench-pi";
    private static final Pattern BURST = Pattern.compile("burst: stored=(\\d+) seconds=([\\d.]+) per_s=(\\d+)"
            + " db_bytes=(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STALL_NANOS = 30_000_000_000L;

    @Option(names = "--messages", defaultValue = "1000000", description = "Messages in the burst (default ${DEFAULT-VALUE}).")
    long messages;

    @Option(names = "--agent-jar", defaultValue = "edge-agent/target/relais-agent.jar")
    Path agentJar;

    @Option(names = "--jvm-options", defaultValue = "edge-agent/packaging/agent.jvm.options",
            description = "The agent's JVM options, as on a Pi (default ${DEFAULT-VALUE}).")
    Path jvmOptions;

    @Option(names = "--work", description = "Folder for the run's files (default: a new temporary folder, removed after a run that lost nothing).")
    Path work;

    @Option(names = "--timeout", defaultValue = "900", description = "Seconds allowed for the replay (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("relais-bench-outbox-");
        int status = run(dir);
        // A temporary folder holds some 500 MB (agent and hub databases): kept only to look into a failure.
        if (status == 0 && work == null) {
            WorkFolder.delete(dir);
        } else if (status != 0) {
            System.err.println("outbox: the run's files are kept in " + dir);
        }
        return status;
    }

    private int run(Path dir) throws Exception {
        int brokerPort = MosquittoProcess.freePort();
        Path config = writeAgentConfig(dir, brokerPort);
        Path hubDb = dir.resolve("hub.db");
        registerHubSession(dir, brokerPort, hubDb);
        try (AgentProcess agent = AgentProcess.start(agentJar.toAbsolutePath(), jvmOptions.toAbsolutePath(),
                dir.resolve("agent.log"), "--config", config.toString(), "--simulate-burst", Long.toString(messages))) {
            Matcher burst = BURST.matcher(agent.awaitLine("burst:", timeoutSeconds)
                    .orElseThrow(() -> new IllegalStateException("the agent did not store its burst; see "
                            + dir.resolve("agent.log"))));
            if (!burst.find()) {
                throw new IllegalStateException("unexpected burst line: " + burst);
            }
            long enqueued = Long.parseLong(burst.group(1));
            double enqueuePerSecond = Double.parseDouble(burst.group(3));
            long dbBytes = Long.parseLong(burst.group(4));

            // The broker comes back with what it persisted, the hub's session included, as in
            // production: what it acknowledges to the agent is queued for the hub.
            try (MosquittoProcess broker = MosquittoProcess.startPersistent(dir.resolve("broker"), brokerPort);
                 Hub hub = startHub(broker, hubDb);
                 HubDatabase stored = new HubDatabase(hubDb)) {
                String token = HubAccess.token(tokenFile(hubDb));
                long start = System.nanoTime();
                long deadline = start + timeoutSeconds * 1_000_000_000L;
                long delivered = 0;
                long lastCount = -1;
                long lastProgress = System.nanoTime();
                while (System.nanoTime() < deadline && agent.isAlive()) {
                    long count = storedSinceStart(hub, token);
                    if (count >= messages) {
                        delivered = stored.distinctSequences(NODE);
                        if (delivered >= messages) {
                            break;
                        }
                    }
                    if (count != lastCount) {
                        lastCount = count;
                        lastProgress = System.nanoTime();
                    } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
                        break; // nothing more is coming: what is missing is lost
                    }
                    Thread.sleep(250);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                delivered = stored.distinctSequences(NODE);
                long duplicates = ingest(hub, token).path("sinceStart").path("duplicatesDropped").asLong();
                System.out.printf(Locale.ROOT, "outbox: enqueued=%d delivered=%d lost=%d duplicates=%d"
                                + " enqueue_per_s=%.0f replay_per_s=%.0f db_mb=%.0f agent_rss_mb=%.0f%n",
                        enqueued, delivered, messages - delivered, duplicates, enqueuePerSecond,
                        delivered / seconds, dbBytes / 1048576.0, agent.peakResidentBytes() / 1048576.0);
                return delivered == messages ? 0 : 1;
            }
        }
    }

    /** A first run of broker and hub, so the broker knows the hub's persistent session. */
    private static void registerHubSession(Path dir, int brokerPort, Path hubDb) throws Exception {
        try (MosquittoProcess broker = MosquittoProcess.startPersistent(dir.resolve("broker"), brokerPort);
             Hub hub = startHub(broker, hubDb)) {
            String token = HubAccess.token(tokenFile(hubDb));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!ingest(hub, token).path("mqttConnected").asBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the hub did not connect to the broker");
                }
                Thread.sleep(100);
            }
        }
    }

    private static Hub startHub(MosquittoProcess broker, Path hubDb) throws Exception {
        return Hub.start(new HubConfig("127.0.0.1", 0, Database.sqliteUrl(hubDb),
                new MqttSettings(broker.url(), "relais-hub", Optional.empty(), Optional.empty()),
                HubAccess.settings(tokenFile(hubDb))));
    }

    /** Beside the hub's database: written at its first start, read at the second. */
    private static Path tokenFile(Path hubDb) {
        return hubDb.resolveSibling("admin-token");
    }

    private static long storedSinceStart(Hub hub, String token) throws Exception {
        return ingest(hub, token).path("sinceStart").path("stored").asLong();
    }

    private static JsonNode ingest(Hub hub, String token) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/ingest"))
                .header("authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static Path writeAgentConfig(Path dir, int brokerPort) throws Exception {
        Path config = dir.resolve("agent.yaml");
        // No device and an hour between readings: the burst is all the agent sends.
        Files.writeString(config, """
                node: %s
                site: {id: bench, name: "Banc d'essai", kind: mediation}
                broker: {url: "tcp://127.0.0.1:%d", reconnectMinMillis: 100, reconnectMaxMillis: 1000}
                storage: {file: agent.db}
                telemetry: {intervalSeconds: 3600}
                clock: {source: always-synced}
                """.formatted(NODE, brokerPort), StandardCharsets.UTF_8);
        return config;
    }
}
