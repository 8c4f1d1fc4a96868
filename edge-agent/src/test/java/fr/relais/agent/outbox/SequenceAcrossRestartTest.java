package fr.relais.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.EdgeAgent;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.NodeConfig;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Event;
import fr.relais.protocol.Health;
import fr.relais.protocol.Severity;
import fr.relais.protocol.Telemetry;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sequence number is never reused once a message carrying it was stored (the contract of
 * {@code Envelopes}), even when two producers (the telemetry thread and the command thread, say)
 * take their numbers in one order and get them committed in the other.
 */
class SequenceAcrossRestartTest {
    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    @TempDir
    Path dir;

    @Test
    void aNumberCommittedOutOfOrderIsNotReusedAfterARestart(MosquittoProcess broker) throws Exception {
        Envelope higher;
        try (EdgeAgent agent = EdgeAgent.start(config(broker), "test")) {
            Envelope lower = agent.envelopes().next();
            higher = agent.envelopes().next();
            // The producer that took the higher number is the first to hand its message over.
            agent.emitter().emit(new Telemetry(higher, Optional.empty(), Health.OK, Map.of("n", 2L))).get();
            agent.emitter().emit(new Event(lower, Optional.empty(), "door-forced", Severity.CRITICAL, "",
                    Map.of())).get();
        }
        try (EdgeAgent restarted = EdgeAgent.start(config(broker), "test")) {
            assertThat(restarted.envelopes().next().seq())
                    .as("the next number after a restart follows the highest one stored")
                    .isGreaterThan(higher.seq());
        }
    }

    private NodeConfig config(MosquittoProcess broker) throws Exception {
        // No telemetry during the test: only the two messages above take numbers.
        return new ConfigLoader(Map.of()).parse("""
                node: van-pi
                site: {id: van, name: Service public itinérant, kind: van}
                broker: {url: "%s", reconnectMinMillis: 100, reconnectMaxMillis: 500}
                storage: {file: agent.db}
                telemetry: {intervalSeconds: 86400}
                clock: {source: always-synced}
                """.formatted(broker.url()), dir);
    }
}
