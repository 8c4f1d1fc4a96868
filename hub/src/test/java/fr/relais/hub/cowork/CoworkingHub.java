package fr.relais.hub.cowork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.broker.MosquittoProcess;
import fr.relais.hub.ApiClient;
import fr.relais.hub.Hub;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.alert.MutableClock;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Event;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.Severity;
import fr.relais.protocol.Topic;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A real hub on a test database and a real broker, its coworking clock in the test's hands, an
 * admin logged in, and a door node of site {@link #SITE} publishing access events.
 */
final class CoworkingHub implements AutoCloseable {
    static final String SITE = "rozoy";
    static final String NODE = "rozoy-door-pi";
    static final String OTHER_SITE = "montcornet";
    static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    final TestDatabase database;
    final Hub hub;
    final ApiClient admin;
    final MutableClock clock = new MutableClock(Instant.now());
    private final MqttClient node;
    private final MessageCodec codec = new MessageCodec();
    private long seq;

    CoworkingHub(TestDatabase.Kind kind, Path dir, MosquittoProcess broker) throws Exception {
        database = TestDatabase.create(kind, dir);
        hub = Hub.start(new HubConfig("127.0.0.1", 0, database.url(),
                new MqttSettings(broker.url(), "hub-under-test", Optional.empty(), Optional.empty()), ApiClient.AUTH),
                clock);
        admin = ApiClient.admin(hub.httpPort());
        await().atMost(PATIENCE).until(() -> admin.json("/api/ingest").path("mqttConnected").asBoolean());
        node = new MqttClient(broker.url(), "fake-door", new MemoryPersistence());
        node.connect();
    }

    /** An access event of the door node, as the agent sends it, at {@code at} by a synchronised clock. */
    Event accessEvent(String type, Instant at, String... fields) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            data.put(fields[i], fields[i + 1]);
        }
        return new Event(new Envelope(MessageIds.next(), seq++, at, ClockConfidence.SYNCED), Optional.of("door-1"),
                type, Severity.INFO, type, data);
    }

    void publish(Event event) throws Exception {
        node.publish(Topic.of(Topic.Kind.EVENT, SITE, NODE).path(), codec.encode(event), 1, false);
    }

    JsonNode send(ApiClient client, String method, String path, String body, int status) throws Exception {
        HttpResponse<String> response = client.send(method, path, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    JsonNode items(ApiClient client, String path) throws Exception {
        return client.json(path).path("items");
    }

    ApiClient account(String username, String role, String site) throws Exception {
        String password = "a-long-enough-password";
        send(admin, "POST", "/api/accounts", "{\"username\":\"" + username + "\",\"password\":\"" + password
                + "\",\"role\":\"" + role + "\"" + (site == null ? "" : ",\"site\":\"" + site + "\"") + "}", 201);
        return ApiClient.login(hub.httpPort(), username, password);
    }

    static String hash(char fill) {
        return String.valueOf(fill).repeat(64);
    }

    @Override
    public void close() throws Exception {
        try {
            if (node.isConnected()) {
                node.disconnect();
            }
            node.close();
        } finally {
            hub.close();
            database.close();
        }
    }
}
