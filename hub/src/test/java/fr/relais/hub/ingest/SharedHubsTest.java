package fr.relais.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.ApiClient;
import fr.relais.hub.Hub;
import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.config.HubConfig;
import fr.relais.protocol.Health;
import fr.relais.protocol.HubState;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hubs sharing the node messages through an MQTT shared subscription on a real Mosquitto,
 * each with its own MQTT session and its own connections to one PostgreSQL schema.
 */
class SharedHubsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SITES = {"dizy-le-gros", "montcornet", "brunehamel"};

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    private final MessageCodec codec = new MessageCodec();
    private final List<MqttClient> nodes = new ArrayList<>();
    private final Map<Integer, ApiClient> clients = new java.util.concurrent.ConcurrentHashMap<>();
    private TestDatabase database;
    private Hub first;
    private Hub second;
    /** Every distinct message id sent, per node. */
    private final Map<String, Set<String>> sent = new HashMap<>();

    @BeforeEach
    void start(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, dir);
        // One after the other: the first migrates the schema.
        first = hub(broker, "hub-a");
        second = hub(broker, "hub-b");
        await().atMost(Duration.ofSeconds(20)).until(() -> connected(first) && connected(second));
        for (String site : SITES) {
            MqttClient node = new MqttClient(broker.url(), "node-" + site, new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            // Paho frees an in-flight slot just after completing the token: the default of 10
            // is hit now and then by a tight publishing loop, even a synchronous one.
            options.setMaxInflight(1_000);
            node.connect(options);
            nodes.add(node);
        }
    }

    private Hub hub(MosquittoProcess broker, String id) throws Exception {
        return Hub.start(new HubConfig("127.0.0.1", 0, database.url(),
                new MqttSettings(broker.url(), MqttSettings.defaultClientId(Optional.of(id), "unused", 0),
                        Optional.empty(), Optional.empty(), MqttSettings.DEFAULT_SHARE_GROUP), ApiClient.AUTH));
    }

    @AfterEach
    void stop() throws Exception {
        for (MqttClient node : nodes) {
            node.disconnect();
            node.close();
        }
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        database.close();
    }

    @Test
    void storeEveryMessageExactlyOnceAndBothTakeAShare() throws Exception {
        int perNode = 400;
        // montcornet never sends 50, 51 and 300: three holes. The others send everything.
        Set<Long> skipped = Set.of(50L, 51L, 300L);
        for (int seq = 1; seq <= perNode; seq++) {
            for (int n = 0; n < SITES.length; n++) {
                if (n == 1 && skipped.contains((long) seq)) {
                    continue;
                }
                Telemetry reading = send(n, seq);
                if (seq % 25 == 0) {
                    publish(n, reading); // a redelivery, same message id
                }
            }
        }
        awaitStored(3 * perNode - skipped.size());

        assertThat(storedIds()).isEqualTo(allSent());
        assertThat(count("SELECT COUNT(*) FROM telemetry")).isEqualTo(3L * perNode - skipped.size());
        long storedByFirst = ingest(first).path("sinceStart").path("stored").asLong();
        long storedBySecond = ingest(second).path("sinceStart").path("stored").asLong();
        assertThat(storedByFirst).as("hub a took a share").isPositive();
        assertThat(storedBySecond).as("hub b took a share").isPositive();
        assertThat(storedByFirst + storedBySecond).as("each stored once, by one hub").isEqualTo(3L * perNode - 3);
        assertThat(gaps("dizy-le-gros-pi")).isZero();
        assertThat(gaps("montcornet-pi")).isEqualTo(3);
        assertThat(gaps("brunehamel-pi")).isZero();
    }

    @Test
    void whenOneHubStopsTheOtherStoresEverything(MosquittoProcess broker) throws Exception {
        CopyOnWriteArrayList<HubState> states = new CopyOnWriteArrayList<>();
        MqttClient watcher = new MqttClient(broker.url(), "hub-watcher", new MemoryPersistence());
        watcher.connect();
        watcher.subscribe(Topic.HUB_STATE, 1, (topic, message) ->
                states.add(codec.decode(Topic.hubState(), message.getPayload(), HubState.class)));
        int perNode = 300;
        for (int seq = 1; seq <= perNode; seq++) {
            for (int n = 0; n < SITES.length; n++) {
                send(n, seq);
            }
            if (seq == perNode / 3) {
                first.close(); // mid-stream: what it was given is stored, the rest goes to the other
                first = null;
            }
        }
        awaitStored(second, 3 * perNode);
        assertThat(storedIds()).isEqualTo(allSent());
        assertThat(count("SELECT COUNT(*) FROM telemetry")).isEqualTo(3L * perNode);
        assertThat(gaps("montcornet-pi")).isZero();
        // The first hub said goodbye; the second, still there, said online again.
        await().atMost(Duration.ofSeconds(20)).until(() -> states.stream().anyMatch(s -> s.state() == Presence.OFFLINE)
                && states.get(states.size() - 1).state() == Presence.ONLINE);
        watcher.disconnect();
        watcher.close();
    }

    @Test
    void theLastHubStoppedKeepsItsShareQueuedForItsReturn(MosquittoProcess broker) throws Exception {
        second.close(); // it leaves the group to the first
        second = null;
        for (int seq = 1; seq <= 50; seq++) {
            send(0, seq);
        }
        awaitStored(first, 50);
        first.close(); // alone: it must not leave the group, or the next messages would go to no one
        first = null;
        for (int seq = 51; seq <= 200; seq++) {
            send(0, seq);
        }
        first = hub(broker, "hub-a");
        awaitStored(first, 200);
        assertThat(storedIds()).isEqualTo(allSent());
        assertThat(gaps("dizy-le-gros-pi")).isZero();
    }

    private Telemetry send(int node, long seq) throws MqttException {
        Telemetry reading = Messages.telemetry(seq, "printer-1", Health.OK, seq % 100);
        sent.computeIfAbsent(SITES[node], k -> new HashSet<>()).add(reading.envelope().msgId().toString());
        publish(node, reading);
        return reading;
    }

    private void publish(int node, Telemetry reading) throws MqttException {
        nodes.get(node).publish(Topic.of(Topic.Kind.TELEMETRY, SITES[node], SITES[node] + "-pi").path(),
                codec.encode(reading), 1, false);
    }

    private Set<String> allSent() {
        Set<String> all = new HashSet<>();
        sent.values().forEach(all::addAll);
        return all;
    }

    private void awaitStored(long expected) {
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT COUNT(*) FROM telemetry") == expected
                && ingest(first).path("queued").asLong() == 0 && ingest(second).path("queued").asLong() == 0
                && received(first) + received(second) >= expected);
    }

    private void awaitStored(Hub hub, long expected) {
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT COUNT(*) FROM telemetry") == expected
                && ingest(hub).path("queued").asLong() == 0);
    }

    private long received(Hub hub) throws Exception {
        return ingest(hub).path("sinceStart").path("received").asLong();
    }

    private boolean connected(Hub hub) throws Exception {
        return ingest(hub).path("mqttConnected").asBoolean();
    }

    private JsonNode ingest(Hub hub) throws Exception {
        // One login per hub: a login costs a BCrypt hash.
        ApiClient api = clients.computeIfAbsent(hub.httpPort(), port -> {
            try {
                return ApiClient.admin(port);
            } catch (Exception e) {
                throw new IllegalStateException("cannot log in to the hub on port " + port, e);
            }
        });
        HttpResponse<String> response = api.get("/api/ingest");
        return JSON.readTree(response.body());
    }

    private Set<String> storedIds() throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(database.url());
             Statement select = connection.createStatement();
             ResultSet row = select.executeQuery("SELECT msg_id FROM telemetry")) {
            while (row.next()) {
                ids.add(row.getString(1));
            }
        }
        return ids;
    }

    private long gaps(String node) throws SQLException {
        return count("SELECT seq_gaps FROM nodes WHERE id = '" + node + "'");
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url());
             Statement select = connection.createStatement();
             ResultSet row = select.executeQuery(sql)) {
            return row.next() ? row.getLong(1) : -1;
        }
    }
}
