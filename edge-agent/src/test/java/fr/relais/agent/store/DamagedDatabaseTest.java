package fr.relais.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.agent.EdgeAgent;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.uplink.NodeWatcher;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.protocol.Event;
import fr.relais.protocol.Severity;
import fr.relais.protocol.Telemetry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose database is damaged at start keeps working instead of crash-looping: it moves the
 * file aside, starts with an empty one, and tells the hub with a critical event.
 */
class DamagedDatabaseTest {
    private static final String SITE = "rozoy-mediation";
    private static final String NODE = "rozoy-mediation-pi";

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    @TempDir
    Path dir;

    @Test
    void anUnreadableDatabaseIsMovedAsideAndReported(MosquittoProcess broker) throws Exception {
        Path database = dir.resolve("agent.db");
        String garbage = "Ceci n'est pas une base SQLite. ".repeat(400);
        Files.writeString(database, garbage, StandardCharsets.UTF_8);

        try (NodeWatcher hub = new NodeWatcher(broker.url(), SITE, NODE);
             EdgeAgent agent = EdgeAgent.start(new ConfigLoader(Map.of()).parse("""
                     node: %s
                     site: {id: %s, name: Tiers-lieu numérique de Rozoy-sur-Serre, kind: mediation}
                     broker: {url: "%s", reconnectMinMillis: 100, reconnectMaxMillis: 500}
                     storage: {file: agent.db}
                     telemetry: {intervalSeconds: 1}
                     clock: {source: always-synced}
                     """.formatted(NODE, SITE, broker.url()), dir), "test")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> hub.all(Event.class).stream()
                    .anyMatch(e -> e.type().equals("storage-reset")));
            await().atMost(Duration.ofSeconds(30)).until(() -> hub.count(Telemetry.class) >= 1);

            List<Path> movedAside;
            try (Stream<Path> files = Files.list(dir)) {
                movedAside = files.filter(f -> f.getFileName().toString().startsWith("agent.db.corrupt-")
                        && !f.getFileName().toString().endsWith("-wal")
                        && !f.getFileName().toString().endsWith("-shm")).toList();
            }
            assertThat(movedAside).as("the damaged file, kept for a technician").hasSize(1);
            assertThat(Files.readString(movedAside.get(0), StandardCharsets.UTF_8)).isEqualTo(garbage);

            Event reset = hub.all(Event.class).stream().filter(e -> e.type().equals("storage-reset")).findFirst()
                    .orElseThrow();
            assertThat(reset.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(reset.data()).containsEntry("movedTo", movedAside.get(0).toString());
            assertThat(agent.database().reset()).isPresent();
            assertThat(agent.uplink().isOnline()).as("the node works with its new, empty database").isTrue();
        }
    }
}
