package fr.relais.agent.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.agent.EdgeAgent;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.NodeConfig;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.protocol.Birth;
import fr.relais.protocol.HubState;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.NodeState;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The agent's session against a real Mosquitto running the project's development config. */
class UplinkTest {
    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    @TempDir
    Path dir;

    private NodeConfig config(MosquittoProcess broker) throws Exception {
        return new ConfigLoader(Map.of()).parse("""
                node: brunehamel-pi
                site: {id: brunehamel, name: Tiers-lieu numérique de Brunehamel, kind: mediation}
                broker: {url: "%s", reconnectMinMillis: 100, reconnectMaxMillis: 500}
                storage: {file: agent.db}
                telemetry: {intervalSeconds: 1}
                clock: {source: always-synced}
                devices:
                  - {id: printer-1, kind: printer, name: Imprimante, driver: simulated}
                """.formatted(broker.url()), dir);
    }

    @Test
    void announcesItselfThenReportsThenSaysGoodbye(MosquittoProcess broker) throws Exception {
        try (NodeWatcher watcher = new NodeWatcher(broker.url(), "brunehamel", "brunehamel-pi")) {
            try (EdgeAgent agent = EdgeAgent.start(config(broker), "test")) {
                await().atMost(Duration.ofSeconds(20)).until(() -> watcher.count(Telemetry.class) >= 4);
                NodeState online = watcher.last(NodeState.class);
                Birth birth = watcher.last(Birth.class);
                assertThat(online.state()).isEqualTo(Presence.ONLINE);
                assertThat(birth.bdSeq()).isEqualTo(online.bdSeq());
                assertThat(birth.site().name()).isEqualTo("Tiers-lieu numérique de Brunehamel");
                assertThat(birth.devices()).extracting(Birth.DeviceInfo::id).containsExactly("printer-1");
                assertThat(watcher.sequenceNumbers()).as("one sequence, no hole").isSorted()
                        .doesNotHaveDuplicates();
                assertThat(agent.emitter().outbox().stats().delivered()).isPositive();
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> watcher.last(NodeState.class).state() == Presence.OFFLINE);
        }
    }

    @Test
    void aNewConnectionAfterARestartHasTheNextBdSeq(MosquittoProcess broker) throws Exception {
        long first;
        try (NodeWatcher watcher = new NodeWatcher(broker.url(), "brunehamel", "brunehamel-pi")) {
            try (EdgeAgent agent = EdgeAgent.start(config(broker), "test")) {
                await().atMost(Duration.ofSeconds(20)).until(() -> watcher.count(Telemetry.class) >= 2);
                first = watcher.last(Birth.class).bdSeq();
            }
            long lastSeqBefore = watcher.sequenceNumbers().stream().mapToLong(Long::longValue).max().orElseThrow();
            try (EdgeAgent again = EdgeAgent.start(config(broker), "test")) {
                await().atMost(Duration.ofSeconds(20)).until(() -> watcher.count(Birth.class) == 2);
                assertThat(watcher.last(Birth.class).bdSeq()).isEqualTo(first + 1);
                assertThat(watcher.last(Birth.class).envelope().seq())
                        .as("the birth carries the node's sequence, which goes on across restarts")
                        .isGreaterThanOrEqualTo(lastSeqBefore);
            }
        }
    }

    @Test
    void reconnectsAfterTheBrokerDiesAndBirthsAgain(MosquittoProcess broker) throws Exception {
        try (EdgeAgent agent = EdgeAgent.start(config(broker), "test")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> agent.uplink().isOnline());
            long before = agent.uplink().bdSeq();
            broker.kill();
            await().atMost(Duration.ofSeconds(20)).until(() -> !agent.uplink().isOnline());
            try (NodeWatcher watcher = startWatcherAfterRestart(broker)) {
                // The retained state, not the birth: the agent may be back before the watcher subscribes.
                await().atMost(Duration.ofSeconds(30)).until(() -> watcher.count(NodeState.class) >= 1
                        && watcher.last(NodeState.class).state() == Presence.ONLINE
                        && watcher.last(NodeState.class).bdSeq() > before);
                assertThat(agent.uplink().bdSeq()).isEqualTo(watcher.last(NodeState.class).bdSeq());
                assertThat(agent.uplink().stats().asMetrics()).containsEntry("connectionLosses", 1L);
            }
        }
    }

    @Test
    void sendsItsBirthAgainWhenTheHubComesBack(MosquittoProcess broker) throws Exception {
        MessageCodec codec = new MessageCodec();
        try (NodeWatcher watcher = new NodeWatcher(broker.url(), "brunehamel", "brunehamel-pi");
             EdgeAgent agent = EdgeAgent.start(config(broker), "test")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> watcher.count(Birth.class) == 1);
            watcher.publishRetained(Topic.HUB_STATE,
                    codec.encode(new HubState(Presence.ONLINE, "hub-session-2", Instant.now())));
            await().atMost(Duration.ofSeconds(20)).until(() -> watcher.count(Birth.class) == 2);
            watcher.publishRetained(Topic.HUB_STATE, "not json".getBytes());
            watcher.publishRetained(Topic.HUB_STATE,
                    codec.encode(new HubState(Presence.ONLINE, "hub-session-3", Instant.now())));
            await().atMost(Duration.ofSeconds(20)).until(() -> watcher.count(Birth.class) == 3);
            assertThat(agent.uplink().isOnline()).as("an invalid hub state is ignored").isTrue();
        }
    }

    @Test
    void aDoorNodeSaysWhichListItHoldsAgainWhenTheHubComesBack(MosquittoProcess broker) throws Exception {
        MessageCodec codec = new MessageCodec();
        NodeConfig door = new ConfigLoader(Map.of()).parse("""
                node: brunehamel-pi
                site: {id: brunehamel, name: Tiers-lieu numérique de Brunehamel, kind: coworking}
                broker: {url: "%s", reconnectMinMillis: 100, reconnectMaxMillis: 500}
                storage: {file: agent.db}
                telemetry: {intervalSeconds: 3600}
                clock: {source: always-synced}
                access: {publicKey: "%s"}
                devices:
                  - {id: porte, kind: door, name: Porte, driver: simulated}
                """.formatted(broker.url(), java.util.Base64.getEncoder().encodeToString(
                fr.relais.protocol.access.AccessKeys.generate().getPublic().getEncoded())), dir);
        try (NodeWatcher watcher = new NodeWatcher(broker.url(), "brunehamel", "brunehamel-pi");
             EdgeAgent agent = EdgeAgent.start(door, "test")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> reports(watcher) == 1);
            watcher.publishRetained(Topic.HUB_STATE,
                    codec.encode(new HubState(Presence.ONLINE, "hub-session-2", Instant.now())));
            await().atMost(Duration.ofSeconds(20)).until(() -> reports(watcher) == 2);
            fr.relais.protocol.Event again = watcher.all(fr.relais.protocol.Event.class).stream()
                    .filter(event -> event.type().equals("access-list")).reduce((first, second) -> second).orElseThrow();
            assertThat(again.data()).containsEntry("outcome", "connected").containsEntry("version", 0L)
                    .containsEntry("needSnapshot", true);
        }
    }

    private static long reports(NodeWatcher watcher) {
        return watcher.all(fr.relais.protocol.Event.class).stream().filter(event -> event.type().equals("access-list"))
                .count();
    }

    private static NodeWatcher startWatcherAfterRestart(MosquittoProcess broker) throws Exception {
        broker.restart();
        return new NodeWatcher(broker.url(), "brunehamel", "brunehamel-pi");
    }
}
