package fr.relais.hub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.ApiClient;
import fr.relais.hub.HubUnderTest;
import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.protocol.Health;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Topic;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code GET /api/nodes/{id}/telemetry} on a running hub; the rollups themselves are in HousekeepingTest. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class TelemetryApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/api/nodes/" + Messages.NODE + "/telemetry";
    private static final String PASSWORD = "a-long-enough-password";

    @Parameter
    TestDatabase.Kind kind;

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    private TestDatabase testDatabase;
    private HubUnderTest hub;

    @BeforeEach
    void start(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        testDatabase = TestDatabase.create(kind, dir);
        hub = HubUnderTest.start(broker.url(), testDatabase.url());
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
        testDatabase.close();
    }

    private void publish(Topic.Kind kind, Message message) throws Exception {
        hub.publish(kind, message);
    }

    private HttpResponse<String> request(String path) throws Exception {
        return hub.api().get(path);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = request(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /**
     * The readings the API answers for {@code path}; none while the hub has not ingested the
     * node's birth yet (404), so that an await polls again instead of failing at once.
     */
    private int points(String path) throws Exception {
        HttpResponse<String> response = request(path);
        if (response.statusCode() == 404) {
            return 0;
        }
        return get(path).path("points").size();
    }

    @Test
    void answersANodesReadingsOverAPeriod() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        publish(Topic.Kind.BIRTH, Messages.birth(0, 1, "printer-1"));
        publish(Topic.Kind.TELEMETRY, Messages.telemetry(1, "printer-1", Health.OK, 80));
        publish(Topic.Kind.TELEMETRY, Messages.telemetry(2, "printer-1", Health.WARNING, 9));
        await().atMost(Duration.ofSeconds(20)).until(() -> points(PATH) == 2);

        JsonNode all = get(PATH);
        assertThat(all.path("resolution").asText()).isEqualTo("raw");
        assertThat(all.path("truncated").asBoolean()).isFalse();
        assertThat(all.path("points").path(0).path("device").asText()).isEqualTo("printer-1");
        assertThat(all.path("points").path(0).path("metrics").path("tonerPercent").asLong()).isEqualTo(80);
        assertThat(all.path("points").path(1).path("health").asText()).isEqualTo("warning");

        String period = "&from=" + before + "&to=" + Instant.now().plusSeconds(60);
        JsonNode toner = get(PATH + "?device=printer-1&metric=tonerPercent" + period);
        assertThat(toner.path("points").findValuesAsText("value")).containsExactly("80", "9");
        assertThat(get(PATH + "?metric=paperLevel").path("points")).isEmpty();
        assertThat(get(PATH + "?device=printer-2").path("points")).isEmpty();
        JsonNode minutes = get(PATH + "?resolution=minute");
        assertThat(minutes.path("resolution").asText()).isEqualTo("minute");
        assertThat(minutes.path("points").isArray()).as("rolled up only once the minute is over").isTrue();
        assertThat(get(PATH + "?resolution=hour&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z")
                .path("points")).isEmpty();
    }

    @Test
    void rollupsOfTheDemosSimulatedHistorySaySoAndRealOnesDoNot() throws Exception {
        publish(Topic.Kind.BIRTH, Messages.birth(0, 1, "printer-1"));
        await().atMost(Duration.ofSeconds(20)).until(() -> request(PATH).statusCode() == 200);
        long simulatedHour = Instant.parse("2026-01-10T09:00:00Z").toEpochMilli();
        long realHour = Instant.parse("2026-03-10T09:00:00Z").toEpochMilli();
        try (java.sql.Connection sql = java.sql.DriverManager.getConnection(testDatabase.url());
             java.sql.PreparedStatement insert = sql.prepareStatement("INSERT INTO telemetry_hour (node_id, device_id,"
                     + " metric, bucket_start, samples, min_value, max_value, sum_value, simulated)"
                     + " VALUES (?, 'printer-1', 'tonerPercent', ?, 60, 50, 52, 3060, ?)")) {
            for (long hour : new long[] {simulatedHour, realHour}) {
                insert.setString(1, Messages.NODE);
                insert.setLong(2, hour);
                insert.setBoolean(3, hour == simulatedHour);
                insert.executeUpdate();
            }
        }

        JsonNode january = get(PATH + "?resolution=hour&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z");
        assertThat(january.path("simulated").asBoolean()).isTrue();
        assertThat(january.path("points").findValuesAsText("avg")).containsExactly("51.0");
        JsonNode march = get(PATH + "?resolution=hour&from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z");
        assertThat(march.path("simulated").isBoolean()).isTrue();
        assertThat(march.path("simulated").asBoolean()).isFalse();
        assertThat(march.path("points")).hasSize(1);
        assertThat(get(PATH + "?resolution=hour&metric=pagesPrinted&from=2026-01-01T00:00:00Z"
                + "&to=2026-02-01T00:00:00Z").path("simulated").asBoolean()).as("another metric").isFalse();
        assertThat(get(PATH).path("simulated").isBoolean()).as("raw readings say it too").isTrue();
        assertThat(get(PATH).path("simulated").asBoolean()).isFalse();
    }

    @Test
    void refusesGarbageWithAReason() throws Exception {
        publish(Topic.Kind.BIRTH, Messages.birth(0, 1, "printer-1"));
        await().atMost(Duration.ofSeconds(20)).until(() -> request(PATH).statusCode() == 200);
        assertRefused(PATH + "?resolution=daily", 400, "resolution must be raw, minute or hour");
        assertRefused(PATH + "?from=yesterday", 400, "from must be an ISO-8601 UTC time");
        assertRefused(PATH + "?to=2026-13-01T00:00:00Z", 400, "to must be an ISO-8601 UTC time");
        assertRefused(PATH + "?from=%2B1000000000-01-01T00:00:00Z", 400, "from must be between years 1970 and 9999");
        assertRefused(PATH + "?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", 400, "must be before to");
        assertRefused(PATH + "?metric=1percent", 400, "metric '1percent' is not a metric name");
        assertRefused(PATH + "?device=Printer%201", 400, "device");
        assertRefused("/api/nodes/Not_A_Node/telemetry", 400, "node");
        assertRefused("/api/nodes/nobody-pi/telemetry", 404, "no node 'nobody-pi'");
    }

    @Test
    void aSiteScopedAccountReadsItsOwnSitesNodesAndNoOtherSitesOne() throws Exception {
        String otherSite = "montcornet";
        String otherNode = "montcornet-pi";
        publish(Topic.Kind.BIRTH, Messages.birth(0, 1, "printer-1"));
        publish(Topic.Kind.TELEMETRY, Messages.telemetry(1, "printer-1", Health.OK, 80));
        hub.node().publish(Topic.of(Topic.Kind.BIRTH, otherSite, otherNode).path(),
                new MessageCodec().encode(Messages.birth(0, 1, "printer-2")), 1, false);
        await().atMost(Duration.ofSeconds(20)).until(() -> points(PATH) == 1
                && request("/api/nodes/" + otherNode + "/telemetry").statusCode() == 200);
        for (String role : List.of("viewer", "manager", "mediator")) {
            String username = "compte-" + role;
            HttpResponse<String> created = hub.api().send("POST", "/api/accounts", "{\"username\":\"" + username
                    + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\",\"site\":\""
                    + Messages.SITE + "\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            ApiClient scoped = ApiClient.login(hub.hub().httpPort(), username, PASSWORD);

            HttpResponse<String> own = scoped.get(PATH);
            assertThat(own.statusCode()).as(role + ": " + own.body()).isEqualTo(200);
            assertThat(JSON.readTree(own.body()).path("points").findValuesAsText("device")).containsExactly("printer-1");
            // Another site's node answers exactly as a node the hub has never heard of: nothing is revealed.
            assertRefused(scoped, "/api/nodes/" + otherNode + "/telemetry", 404, "no node '" + otherNode + "'");
            assertRefused(scoped, "/api/nodes/" + otherNode + "/telemetry?resolution=hour", 404,
                    "no node '" + otherNode + "'");
            assertRefused(scoped, "/api/nodes/nobody-pi/telemetry", 404, "no node 'nobody-pi'");
        }
    }

    private void assertRefused(String path, int status, String reason) throws Exception {
        assertRefused(hub.api(), path, status, reason);
    }

    private static void assertRefused(ApiClient client, String path, int status, String reason) throws Exception {
        HttpResponse<String> response = client.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(status);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("status").asInt()).isEqualTo(status);
        assertThat(error.path("error").asText()).as(path).contains(reason);
    }
}
