package fr.relais.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.broker.MosquittoProcess;
import fr.relais.hub.db.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is lost whatever happens on the way: an agent process killed three times while it
 * replays, the broker restarted (politely) during a burst, the hub process killed and
 * restarted. In the end the hub holds every message the node stored, each exactly once;
 * redeliveries were dropped and counted.
 *
 * <p>The broker is restarted, not killed: Mosquitto writes its persistence file on a clean
 * stop (and every autosave interval), not per message, so a SIGKILL of the broker can lose
 * what it acknowledged to the node and had not yet delivered to the hub. That is the broker's
 * limit, documented in the root README ("How a reading travels"), not something the agent or the hub can repair.
 */
class StoreAndForwardIT {
    private static final String NODE = "spi-pi";

    @Test
    void everyStoredMessageReachesTheHubExactlyOnce(@TempDir Path dir) throws Exception {
        int port = MosquittoProcess.freePort();
        Path config = writeConfig(dir, port);
        Path agentDb = dir.resolve("agent.db");
        Path hubDb = dir.resolve("hub.db");
        String hubUrl = Database.sqliteUrl(hubDb);
        Path log = dir.resolve("agent.log");
        Path hubLog = dir.resolve("hub.log");
        long duplicates = 0;
        HubProcess hub = null;
        AgentProcess agent = null;
        try (MosquittoProcess broker = MosquittoProcess.startPersistent(dir.resolve("broker"), port)) {
            hub = HubProcess.start(hubUrl, broker.url(), hubLog);
            HubApi api = new HubApi(hub.httpPort());
            await().atMost(Duration.ofSeconds(30)).until(() -> connected(api));

            agent = AgentProcess.start(config, log, "--simulate-burst", "60000");
            for (int kill = 1; kill <= 3; kill++) {
                long before = api.storedTelemetry();
                await().atMost(Duration.ofSeconds(120)).until(() -> api.storedTelemetry() > before + 3_000);
                agent.kill();
                agent = AgentProcess.start(config, log);
            }

            agent.close();
            agent = AgentProcess.start(config, log, "--simulate-burst", "30000");
            long beforeBrokerRestart = api.storedTelemetry();
            await().atMost(Duration.ofSeconds(120)).until(() -> api.storedTelemetry() > beforeBrokerRestart + 3_000);
            broker.restart();

            long beforeHubKill = api.storedTelemetry();
            await().atMost(Duration.ofSeconds(120)).until(() -> api.storedTelemetry() > beforeHubKill + 3_000);
            duplicates += duplicatesDropped(api);
            hub.kill();
            hub = HubProcess.start(hubUrl, broker.url(), hubLog);
            HubApi restarted = new HubApi(hub.httpPort());

            await().atMost(Duration.ofSeconds(180)).until(() -> NodeStorage.outboxDepth(agentDb) == 0
                    && NodeStorage.storedSequences(hubDb, NODE).size() == NodeStorage.lastSequence(agentDb) + 1);
            duplicates += duplicatesDropped(restarted);
        } finally {
            if (agent != null) {
                agent.close();
            }
            if (hub != null) {
                hub.close();
            }
        }
        long last = NodeStorage.lastSequence(agentDb);
        Set<Long> produced = LongStream.rangeClosed(0, last).boxed().collect(Collectors.toSet());
        Set<Long> stored = NodeStorage.storedSequences(hubDb, NODE);
        assertThat(stored).as("what the hub stored is exactly what the node stored").isEqualTo(produced);
        assertThat(last + 1).as("both bursts, at least in part, and more").isGreaterThan(30_000);
        assertThat(duplicates).as("redeliveries after the kills were recognised and dropped").isPositive();
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("connected to");
    }

    private static boolean connected(HubApi api) {
        return api.poll("/api/ingest").map(ingest -> ingest.path("mqttConnected").asBoolean()).orElse(false);
    }

    private static long duplicatesDropped(HubApi api) {
        return api.poll("/api/ingest").map(ingest -> ingest.path("sinceStart").path("duplicatesDropped").asLong())
                .orElse(0L);
    }

    private static Path writeConfig(Path dir, int port) throws Exception {
        Path config = dir.resolve("agent.yaml");
        // Readings every 3600 s: the bursts are what the node sends, so the count is exact.
        Files.writeString(config, """
                node: %s
                site: {id: spi, name: "Service public itinérant", kind: van}
                broker: {url: "tcp://127.0.0.1:%d", reconnectMinMillis: 100, reconnectMaxMillis: 1000}
                storage: {file: agent.db}
                telemetry: {intervalSeconds: 3600}
                clock: {source: always-synced}
                """.formatted(NODE, port), StandardCharsets.UTF_8);
        return config;
    }
}
