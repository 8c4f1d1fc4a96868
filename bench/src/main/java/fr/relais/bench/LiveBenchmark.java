package fr.relais.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.broker.MosquittoProcess;
import fr.relais.hub.Hub;
import fr.relais.hub.auth.AuthSettings;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.protocol.Birth;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Event;
import fr.relais.protocol.Health;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.NodeState;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Severity;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./relais bench live}: mosquitto and the hub in this JVM; a node publishes {@code paper-jam}
 * events (and a printer reading every fifth) stamped with this machine's clock; a stream of
 * {@code /api/live} with a bearer token is dropped for 2 s halfway and resumes with
 * {@code Last-Event-ID}. One line: {@code live: events=… lost=0 duplicated=0 resumed=ok
 * agent_to_sse_ms_p50=… p95=… p99=… max=…}; the latencies are those of the events received as they
 * happened (the replayed ones waited for the reconnection by design, and are counted apart).
 */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = "The live channel: events from a node to a server-sent events stream, with a drop and a resume.")
public final class LiveBenchmark implements Callable<Integer> {
    private static final String SITE = "bench-live";
    private static final String NODE = "bench-live-pi";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--events", defaultValue = "500", description = "Events the node publishes (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--rate", defaultValue = "20", description = "Events a second (default ${DEFAULT-VALUE}).")
    int rate;

    private final MessageCodec codec = new MessageCodec();
    private long seq;
    private long lastTs;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("relais-bench-live-");
        Path tokenFile = dir.resolve("admin-token");
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        AuthSettings auth = AuthSettings.withAdminPassword(Base64.getUrlEncoder().encodeToString(random))
                .withAdminTokenFile(tokenFile);
        try (MosquittoProcess broker = MosquittoProcess.start(dir.resolve("broker"), MosquittoProcess.freePort());
             Hub hub = Hub.start(new HubConfig("127.0.0.1", 0, Database.sqliteUrl(dir.resolve("hub.db")),
                     new MqttSettings(broker.url(), "relais-hub", Optional.empty(), Optional.empty()), auth))) {
            String token = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
            MqttClient node = new MqttClient(broker.url(), "bench-live-node", new MemoryPersistence());
            node.connect();
            try {
                return run(hub.httpPort(), token, node);
            } finally {
                node.disconnect();
                node.close();
            }
        } finally {
            WorkFolder.delete(dir);
        }
    }

    private int run(int port, String token, MqttClient node) throws Exception {
        List<LiveStream.Received> received = new CopyOnWriteArrayList<>();
        LiveStream first = LiveStream.open(port, token, null, received::add);
        publish(node, Topic.Kind.STATE, new NodeState(Presence.ONLINE, 1, Instant.now()));
        publish(node, Topic.Kind.BIRTH, new Birth(envelope(), 1, new Birth.SiteInfo("Banc du temps réel",
                SiteKind.MEDIATION), new Birth.AgentInfo("bench", "bench"),
                List.of(new Birth.DeviceInfo("printer-1", DeviceKind.PRINTER, "Imprimante", true))));
        awaitType(received, "node", 1);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / Math.max(1, rate);
        long next = System.nanoTime();
        long droppedAt = -1;
        long resumedAt = -1;
        LiveStream second = null;
        Map<Long, Long> sentAt = new HashMap<>();
        for (int i = 0; i < events; i++) {
            if (i == events / 2) {
                first.close();
                droppedAt = System.currentTimeMillis();
            }
            if (droppedAt > 0 && second == null && System.currentTimeMillis() - droppedAt >= 2_000) {
                second = LiveStream.open(port, token, lastEventId(first), received::add);
                resumedAt = System.currentTimeMillis();
            }
            Envelope envelope = envelope();
            sentAt.put(envelope.ts().toEpochMilli(), envelope.ts().toEpochMilli());
            publish(node, Topic.Kind.EVENT, new Event(envelope, Optional.of("printer-1"), "paper-jam",
                    Severity.CRITICAL, "Bourrage papier", Map.of()));
            if (i % 5 == 0) {
                publish(node, Topic.Kind.TELEMETRY, new Telemetry(envelope(), Optional.of("printer-1"), Health.OK,
                        Map.of("tonerPercent", 50L, "paperJam", false)));
            }
            next += periodNanos;
            LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
        }
        if (second == null) {
            // Fewer events than 2 s at this rate: the drop lasts 2 s all the same.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.max(0, 2_000 - (System.currentTimeMillis()
                    - droppedAt))));
            second = LiveStream.open(port, token, lastEventId(first), received::add);
            resumedAt = System.currentTimeMillis();
        }
        try (LiveStream open = second) {
            awaitType(received, "event", events);
            // Anything late (a duplicate) has a moment to arrive before counting.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        }
        return report(received, sentAt, resumedAt);
    }

    private int report(List<LiveStream.Received> received, Map<Long, Long> sentAt, long resumedAt) throws Exception {
        Map<Long, Integer> seen = new HashMap<>();
        List<Long> latencies = new ArrayList<>();
        int replayed = 0;
        boolean reset = false;
        for (LiveStream.Received event : received) {
            reset |= event.type().equals("reset");
            if (!event.type().equals("event")) {
                continue;
            }
            JsonNode data = JSON.readTree(event.data());
            long agentTs = Instant.parse(data.path("agentTs").asText()).toEpochMilli();
            if (!sentAt.containsKey(agentTs) || seen.merge(agentTs, 1, Integer::sum) > 1) {
                continue;
            }
            if (agentTs < resumedAt && event.readAt() >= resumedAt) {
                replayed++;
            } else {
                latencies.add(event.readAt() - agentTs);
            }
        }
        long duplicated = seen.values().stream().mapToLong(n -> n - 1).sum();
        long lost = sentAt.size() - seen.size();
        long[] values = latencies.stream().mapToLong(Long::longValue).toArray();
        boolean ok = lost == 0 && duplicated == 0 && !reset;
        System.out.printf(Locale.ROOT, "live: events=%d lost=%d duplicated=%d resumed=%s replayed=%d"
                        + " agent_to_sse_ms_p50=%d p95=%d p99=%d max=%d%n", sentAt.size(), lost, duplicated,
                reset ? "reset" : "ok", replayed, Percentiles.of(values, 50), Percentiles.of(values, 95),
                Percentiles.of(values, 99), Percentiles.of(values, 100));
        return ok ? 0 : 1;
    }

    private static String lastEventId(LiveStream dropped) {
        String id = dropped.lastId();
        if (id == null) {
            throw new IllegalStateException("the first stream gave no id before it was dropped");
        }
        return id;
    }

    /** An envelope stamped now, each a millisecond after the previous one at least: a unique key per event. */
    private Envelope envelope() {
        lastTs = Math.max(System.currentTimeMillis(), lastTs + 1);
        return new Envelope(MessageIds.next(), seq++, Instant.ofEpochMilli(lastTs), ClockConfidence.SYNCED);
    }

    private void publish(MqttClient node, Topic.Kind kind, fr.relais.protocol.Message message) throws Exception {
        node.publish(Topic.of(kind, SITE, NODE).path(), codec.encode(message), 1, false);
    }

    private static void awaitType(List<LiveStream.Received> received, String type, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (received.stream().filter(event -> event.type().equals(type)).count() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited 60 s for " + count + " '" + type + "' events, got "
                        + received.stream().filter(event -> event.type().equals(type)).count());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
