package fr.relais.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.agent.EdgeAgent;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.uplink.NodeWatcher;
import fr.relais.broker.MosquittoProcess;
import fr.relais.protocol.Event;
import fr.relais.protocol.Health;
import fr.relais.protocol.Severity;
import fr.relais.protocol.Telemetry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing disappears silently: a node whose outbox overflows while offline evicts old routine
 * messages, stays within its bound, keeps every alarm, and says how many it evicted in its own
 * telemetry. (Persistent broker and durable hub session, as in {@link StoreAndForwardTest}.)
 */
class EvictionReportTest {
    private static final String SITE = "brunehamel";
    private static final String NODE = "brunehamel-pi";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int LIMIT = 1_000;

    @TempDir
    Path dir;

    @Test
    void anOverflowingOutboxEvictsRoutineMessagesKeepsAlarmsAndReportsIt() throws Exception {
        try (MosquittoProcess broker = MosquittoProcess.startPersistent(dir.resolve("broker"),
                MosquittoProcess.freePort());
             NodeWatcher hub = NodeWatcher.durable(broker.url(), SITE, NODE)) {
            hub.disconnect();
            broker.stop();

            List<UUID> alarms = new ArrayList<>();
            try (EdgeAgent agent = EdgeAgent.start(config(broker), "test")) {
                Outbox outbox = agent.emitter().outbox();
                List<CompletableFuture<Void>> routine = new ArrayList<>();
                List<CompletableFuture<Void>> priority = new ArrayList<>();
                for (int i = 0; i < 3_000; i++) {
                    routine.add(agent.emitter().emit(new Telemetry(agent.envelopes().next(),
                            Optional.of("probe-adsl"), Health.OK, Map.of("downloadKbps", (long) i))));
                    if (i % 500 == 250) {
                        Event alarm = new Event(agent.envelopes().next(), Optional.of("door-entree"), "door-forced",
                                Severity.CRITICAL, "Porte forcée", Map.of("burstIndex", (long) i));
                        alarms.add(alarm.envelope().msgId());
                        priority.add(agent.emitter().emit(alarm));
                    }
                }
                CompletableFuture.allOf(priority.toArray(CompletableFuture[]::new)).get();
                // A routine message may be refused when a single commit alone exceeds the limit:
                // that is an eviction too. Wait until every one has been either stored or refused.
                CompletableFuture.allOf(routine.stream().map(f -> f.handle((ok, refused) -> null))
                        .toArray(CompletableFuture[]::new)).get();
                assertThat(outbox.stats().evicted()).isPositive();
                // Two more commits after the burst: at least one node telemetry measured after it.
                long afterBurst = outbox.stats().stored();
                await().atMost(PATIENCE).until(() -> outbox.stats().stored() >= afterBurst + 2);
                assertThat(agent.uplink().isOnline()).as("the broker is down all along").isFalse();

                broker.restart();
                hub.reconnect();
                await().atMost(PATIENCE).until(() -> ownTelemetry(hub).stream()
                        .anyMatch(t -> Boolean.TRUE.equals(t.metrics().get("linkUp"))));
                await().atMost(PATIENCE).until(() -> hub.all(Event.class).stream()
                        .map(e -> e.envelope().msgId()).toList().containsAll(alarms));
            }

            assertThat(hub.undecodable()).isEmpty();
            assertThat(alarms).hasSize(6);
            assertThat(hub.all(Event.class)).extracting(e -> e.envelope().msgId()).as("every alarm arrives")
                    .containsAll(alarms);
            List<Telemetry> offline = ownTelemetry(hub).stream()
                    .filter(t -> Boolean.FALSE.equals(t.metrics().get("linkUp"))).toList();
            assertThat(offline).as("the node's own telemetry taken while offline").isNotEmpty();
            assertThat(offline).extracting(t -> (Long) t.metrics().get("outboxDepth"))
                    .as("the outbox stays within its bound").allSatisfy(depth -> assertThat(depth)
                            .isLessThanOrEqualTo(LIMIT));
            assertThat(offline).extracting(t -> (Long) t.metrics().get("outboxEvicted"))
                    .as("the evictions are reported").anySatisfy(evicted -> assertThat(evicted).isPositive());
        }
    }

    private NodeConfig config(MosquittoProcess broker) throws Exception {
        return new ConfigLoader(Map.of()).parse("""
                node: %s
                site: {id: %s, name: Tiers-lieu numérique de Brunehamel, kind: mediation}
                broker: {url: "%s", reconnectMinMillis: 100, reconnectMaxMillis: 500}
                storage: {file: agent.db}
                telemetry: {intervalSeconds: 1}
                clock: {source: always-synced}
                outbox: {maxMessages: %d}
                """.formatted(NODE, SITE, broker.url(), LIMIT), dir);
    }

    /** The node's own health: telemetry without a device. */
    private static List<Telemetry> ownTelemetry(NodeWatcher hub) {
        return hub.all(Telemetry.class).stream().filter(t -> t.device().isEmpty()).toList();
    }
}
