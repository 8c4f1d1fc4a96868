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
 * With {@code --browser}, headless Chromium logged in on the printer's Équipement screen adds
 * {@code browser_rows=… agent_to_browser_dom_ms_p50=… p95=…}: agent's timestamp → the event's row
 * inserted in the page (see {@link LiveBrowser}).
 */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = "The live channel: events from a node to a server-sent events stream, with a drop and a resume.")
public final class LiveBenchmark implements Callable<Integer> {
    private static final String SITE = "bench-live";
    private static final String NODE = "bench-live-pi";
    private static final String DEVICE = "printer-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--events", defaultValue = "500", description = "Events the node publishes (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--rate", defaultValue = "20", description = "Events a second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--browser", description = "Also time the rows a logged-in headless Chromium draws"
            + " (needs /usr/bin/chromium and /usr/bin/chromedriver).")
    boolean browser;

    /** Chromium and its driver; a test names missing ones. */
    List<Path> browserPrograms = LiveBrowser.PROGRAMS;

    private final MessageCodec codec = new MessageCodec();
    private long seq;
    private long lastTs;

    @Override
    public Integer call() throws Exception {
        Optional<String> missing = browser ? LiveBrowser.missing(browserPrograms) : Optional.empty();
        if (missing.isPresent()) {
            // Never a run without the browser's figures when they were asked for.
            System.err.println("bench live --browser: " + missing.get());
            return 2;
        }
        Path dir = Files.createTempDirectory("relais-bench-live-");
        Path tokenFile = dir.resolve("admin-token");
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().encodeToString(random);
        AuthSettings auth = AuthSettings.withAdminPassword(password).withAdminTokenFile(tokenFile);
        try (MosquittoProcess broker = MosquittoProcess.start(dir.resolve("broker"), MosquittoProcess.freePort());
             Hub hub = Hub.start(new HubConfig("127.0.0.1", 0, Database.sqliteUrl(dir.resolve("hub.db")),
                     new MqttSettings(broker.url(), "relais-hub", Optional.empty(), Optional.empty()), auth))) {
            String token = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
            MqttClient node = new MqttClient(broker.url(), "bench-live-node", new MemoryPersistence());
            node.connect();
            try {
                if (!browser) {
                    return run(hub.httpPort(), token, node, null, null);
                }
                try (LiveBrowser chromium = LiveBrowser.start(Files.createTempDirectory("relais-bench-chromium-"))) {
                    return run(hub.httpPort(), token, node, chromium, password);
                }
            } finally {
                node.disconnect();
                node.close();
            }
        } finally {
            WorkFolder.delete(dir);
        }
    }

    /** @param chromium the browser to time too, or null; logged in with {@code password} */
    private int run(int port, String token, MqttClient node, LiveBrowser chromium, String password) throws Exception {
        List<LiveStream.Received> received = new CopyOnWriteArrayList<>();
        LiveStream first = LiveStream.open(port, token, null, received::add);
        publish(node, Topic.Kind.STATE, new NodeState(Presence.ONLINE, 1, Instant.now()));
        publish(node, Topic.Kind.BIRTH, new Birth(envelope(), 1, new Birth.SiteInfo("Banc du temps réel",
                SiteKind.MEDIATION), new Birth.AgentInfo("bench", "bench"),
                List.of(new Birth.DeviceInfo(DEVICE, DeviceKind.PRINTER, "Imprimante", true))));
        awaitType(received, "node", 1);
        if (chromium != null) {
            chromium.watch(port, password, NODE, DEVICE);
        }
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
            publish(node, Topic.Kind.EVENT, new Event(envelope, Optional.of(DEVICE), "paper-jam",
                    Severity.CRITICAL, "Bourrage papier", Map.of()));
            if (i % 5 == 0) {
                publish(node, Topic.Kind.TELEMETRY, new Telemetry(envelope(), Optional.of(DEVICE), Health.OK,
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
        String browserFigures = chromium == null ? "" : browserFigures(chromium, port, token, sentAt.keySet());
        return report(received, sentAt, resumedAt, browserFigures);
    }

    /**
     * Agent's timestamp → row inserted in the page, per event whose row the page drew. The page reads
     * the last 20 events at each live event: a row it never drew (its event was already out of those 20
     * when a read came back) is counted out of {@code browser_rows}, not timed.
     */
    private static String browserFigures(LiveBrowser chromium, int port, String token, java.util.Set<Long> sent)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Map<String, Long> drawn = chromium.drawn();
        while (drawn.size() < sent.size() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            drawn = chromium.drawn();
        }
        Map<String, Long> agentTimes = LiveBrowser.agentTimes(port, token, NODE, DEVICE);
        List<Long> latencies = new ArrayList<>();
        drawn.forEach((id, at) -> {
            Long agentTs = agentTimes.get(id);
            if (agentTs != null && sent.contains(agentTs)) {
                latencies.add(at - agentTs);
            }
        });
        if (latencies.isEmpty()) {
            throw new IllegalStateException("the browser drew no row of the bench's events (rows drawn: "
                    + drawn.size() + ", events of the device: " + agentTimes.size() + "; page: "
                    + chromium.pageText() + ")");
        }
        long[] values = latencies.stream().mapToLong(Long::longValue).toArray();
        return String.format(Locale.ROOT, " browser_rows=%d agent_to_browser_dom_ms_p50=%d p95=%d", values.length,
                Percentiles.of(values, 50), Percentiles.of(values, 95));
    }

    private int report(List<LiveStream.Received> received, Map<Long, Long> sentAt, long resumedAt,
                       String browserFigures) throws Exception {
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
                        + " agent_to_sse_ms_p50=%d p95=%d p99=%d max=%d%s%n", sentAt.size(), lost, duplicated,
                reset ? "reset" : "ok", replayed, Percentiles.of(values, 50), Percentiles.of(values, 95),
                Percentiles.of(values, 99), Percentiles.of(values, 100), browserFigures);
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
