package fr.relais.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.agent.EdgeAgent;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.store.LocalState;
import fr.relais.agent.uplink.NodeWatcher;
import fr.relais.broker.MosquittoProcess;
import fr.relais.protocol.Birth;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Event;
import fr.relais.protocol.Message;
import fr.relais.protocol.Severity;
import fr.relais.protocol.Telemetry;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is lost while the link is down: a node that starts with its broker stopped keeps
 * everything in its outbox, and when the broker comes back it sends every stored message,
 * alarms first.
 *
 * <p>The broker here is a persistent Mosquitto and the hub a durable session subscribed before
 * the outage, so the hub misses nothing whenever the node reconnects: with a non-persistent
 * broker, a node reconnecting between the broker's restart and the hub's subscription would
 * send its replay to nobody, and the test would fail for the harness's sake.
 */
class StoreAndForwardTest {
    private static final String SITE = "dizy";
    private static final String NODE = "dizy-pi";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void everyMessageStoredOfflineArrivesAndAlarmsOvertakeOlderRoutineMessages() throws Exception {
        try (MosquittoProcess broker = MosquittoProcess.startPersistent(dir.resolve("broker"),
                MosquittoProcess.freePort());
             NodeWatcher hub = NodeWatcher.durable(broker.url(), SITE, NODE)) {
            hub.disconnect();
            broker.stop();

            long lastStored;
            List<UUID> alarms = new ArrayList<>();
            try (EdgeAgent agent = EdgeAgent.start(config(broker), "test")) {
                Outbox outbox = agent.emitter().outbox();
                await().atMost(PATIENCE).until(() -> outbox.stats().stored() >= 6);
                List<CompletableFuture<Void>> stored = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    stored.add(agent.emitter().emit(event(agent.envelopes().next(), "visitor-help", Severity.INFO)));
                }
                for (int i = 0; i < 3; i++) {
                    Event alarm = event(agent.envelopes().next(), "door-forced", Severity.CRITICAL);
                    alarms.add(alarm.envelope().msgId());
                    stored.add(agent.emitter().emit(alarm));
                }
                CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).get();
                long afterAlarms = outbox.stats().stored();
                await().atMost(PATIENCE).until(() -> outbox.stats().stored() >= afterAlarms + 2);
                assertThat(agent.uplink().isOnline()).as("the broker is down all along").isFalse();
                assertThat(outbox.stats().priorityDepth()).isEqualTo(3);
                lastStored = lastStoredSeq(agent);

                broker.restart();
                hub.reconnect();
                await().atMost(PATIENCE).until(() -> receivedSeqs(hub).containsAll(range(0, lastStored)));
            }

            List<Message> arrived = hub.messages();
            assertThat(hub.undecodable()).isEmpty();
            assertThat(hub.count(Birth.class)).isPositive();
            assertThat(receivedSeqs(hub)).as("an unbroken range from the first stored to the last")
                    .containsAll(range(0, lastStored));
            assertThat(hub.all(Event.class)).extracting(e -> e.envelope().msgId()).containsAll(alarms);

            Map<UUID, Integer> firstArrival = new HashMap<>();
            for (int i = 0; i < arrived.size(); i++) {
                Optional<Envelope> envelope = envelope(arrived.get(i));
                if (envelope.isPresent()) {
                    firstArrival.putIfAbsent(envelope.get().msgId(), i);
                }
            }
            List<Message> routine = arrived.stream()
                    .filter(m -> envelope(m).isPresent() && Lane.of(m) == Lane.ROUTINE).toList();
            for (UUID alarm : alarms) {
                long alarmSeq = seqOf(hub, alarm);
                List<Message> storedBefore = routine.stream().filter(m -> envelope(m).get().seq() < alarmSeq)
                        .toList();
                assertThat(storedBefore).as("telemetry and information stored before the alarm")
                        .hasSizeGreaterThanOrEqualTo(6 + 5);
                int alarmAt = firstArrival.get(alarm);
                for (Message older : storedBefore) {
                    assertThat(alarmAt).as("alarm seq %d arrives before routine seq %d, stored before it",
                                    alarmSeq, envelope(older).get().seq())
                            .isLessThan(firstArrival.get(envelope(older).get().msgId()));
                }
            }
        }
    }

    private NodeConfig config(MosquittoProcess broker) throws Exception {
        return new ConfigLoader(Map.of()).parse("""
                node: %s
                site: {id: %s, name: Tiers-lieu numérique de Dizy-le-Gros, kind: mediation}
                broker: {url: "%s", reconnectMinMillis: 100, reconnectMaxMillis: 500}
                storage: {file: agent.db}
                telemetry: {intervalSeconds: 1}
                clock: {source: always-synced}
                devices:
                  - {id: printer-accueil, kind: printer, name: Imprimante de l'accueil, driver: simulated}
                """.formatted(NODE, SITE, broker.url()), dir);
    }

    private static Event event(Envelope envelope, String type, Severity severity) {
        return new Event(envelope, Optional.empty(), type, severity, "test", Map.of());
    }

    /** The node's sequence as committed with its messages. */
    private static long lastStoredSeq(EdgeAgent agent) throws Exception {
        try (Connection connection = agent.database().connect()) {
            return LocalState.read(connection, LocalState.SEQ, -1);
        }
    }

    private static Set<Long> receivedSeqs(NodeWatcher hub) {
        return hub.messages().stream().map(StoreAndForwardTest::envelope).flatMap(Optional::stream)
                .map(Envelope::seq).collect(Collectors.toCollection(TreeSet::new));
    }

    private static long seqOf(NodeWatcher hub, UUID alarm) {
        return hub.all(Event.class).stream().filter(e -> e.envelope().msgId().equals(alarm)).findFirst()
                .orElseThrow().envelope().seq();
    }

    private static Set<Long> range(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().collect(Collectors.toSet());
    }

    /** The envelope of what the outbox carries (telemetry and events here); births take no number. */
    private static Optional<Envelope> envelope(Message message) {
        if (message instanceof Telemetry telemetry) {
            return Optional.of(telemetry.envelope());
        }
        if (message instanceof Event event) {
            return Optional.of(event.envelope());
        }
        return Optional.empty();
    }
}
