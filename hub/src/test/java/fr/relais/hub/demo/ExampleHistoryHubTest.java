package fr.relais.hub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.ApiClient;
import fr.relais.hub.FakeNode;
import fr.relais.hub.Hub;
import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.ingest.MqttSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub started with {@code --example-content --example-history 2}: it answers at once and all
 * along, while its housekeeping (first run a minute after the start) seeds the places' days and,
 * once the node is born, its telemetry, which the API then says is simulated. One engine: the
 * seeding itself is tested on both in ExampleHistoryTest; this is the wiring, and it waits for
 * the hub's housekeeping period (one to two minutes).
 */
class ExampleHistoryHubTest {
    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    @Test
    void theHubAnswersWhileItSeedsAndTheApiSaysWhatIsSimulated(MosquittoProcess broker, @TempDir Path dir)
            throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
             Hub hub = Hub.start(new HubConfig("127.0.0.1", 0, database.url(),
                     new MqttSettings(broker.url(), "hub-under-test", Optional.empty(), Optional.empty()),
                     ApiClient.AUTH).withExampleContent(true).withExampleHistory(2));
             FakeNode node = new FakeNode(broker.url(), Messages.SITE, Messages.NODE)) {
            ApiClient anonymous = ApiClient.anonymous(hub.httpPort());
            assertThat(anonymous.get("/api/health").statusCode()).as("at once").isEqualTo(200);
            ApiClient admin = ApiClient.admin(hub.httpPort());
            await().atMost(Duration.ofSeconds(20)).until(() -> admin.json("/api/ingest").path("mqttConnected").asBoolean());
            node.announce();
            String telemetry = "/api/nodes/" + Messages.NODE + "/telemetry?resolution=hour&device=printer-1"
                    + "&metric=tonerPercent&from=" + Instant.now().minus(Duration.ofDays(4)) + "&to=" + Instant.now();

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                assertThat(anonymous.get("/api/health").statusCode()).as("all along").isEqualTo(200);
                JsonNode answer = admin.json(telemetry);
                assertThat(answer.path("simulated").asBoolean()).isTrue();
                assertThat(answer.path("points").size()).as("two days of hours").isEqualTo(48);
            });
            try (Connection sql = DriverManager.getConnection(database.url());
                 Statement select = sql.createStatement();
                 ResultSet row = select.executeQuery("SELECT COUNT(DISTINCT site_id), SUM(CASE WHEN simulated"
                         + " THEN 0 ELSE 1 END) FROM occupancy_day")) {
                row.next();
                assertThat(row.getInt(1)).as("the example's places open in those two days").isPositive();
                assertThat(row.getInt(2)).as("none real").isZero();
            }
        }
    }
}
