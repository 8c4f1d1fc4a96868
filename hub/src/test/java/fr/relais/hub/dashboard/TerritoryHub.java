package fr.relais.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.hub.ApiClient;
import fr.relais.hub.HubUnderTest;
import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.hub.telemetry.RetentionSettings;
import fr.relais.protocol.Birth;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Health;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Presence;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real hub with the example territory (six places, their communes, hours, workshops and the van's tour)
 * on SQLite, and the nodes the screens' tests make speak through the broker, as agents would: a birth
 * with the devices' names and kinds, then readings. One per browser class.
 */
final class TerritoryHub implements AutoCloseable {
    static final String PASSWORD = "a-long-enough-password";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private final TestDatabase database;
    private final HubUnderTest hub;
    private static final Map<String, String> NAMES = Map.of("dizy-le-gros", "Dizy-le-Gros", "montcornet", "Montcornet",
            "rozoy", "Rozoy-sur-Serre", "brunehamel", "Brunehamel");
    private final MessageCodec codec = new MessageCodec();
    private final Map<String, Long> seqs = new ConcurrentHashMap<>();

    TerritoryHub(String brokerUrl, Path dir) throws Exception {
        database = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
        HubUnderTest started = null;
        try {
            started = HubUnderTest.start(brokerUrl, new HubConfig("127.0.0.1", 0, database.url(),
                    new MqttSettings(brokerUrl, "hub-under-test", Optional.empty(), Optional.empty()),
                    // No node may fall silent while a slow machine runs the class: a silent node is critical.
                    Optional.empty(), Duration.ofMinutes(30), RetentionSettings.DEFAULT, ApiClient.AUTH)
                    .withExampleContent(true));
        } finally {
            if (started == null) {
                database.close();
            }
        }
        hub = started;
    }

    String dashboard() {
        return "http://127.0.0.1:" + hub.hub().httpPort() + "/";
    }

    ApiClient admin() {
        return hub.api();
    }

    ApiClient account(String username, String role, String site) throws Exception {
        assertThat(hub.api().send("POST", "/api/accounts", "{\"username\":\"" + username + "\",\"password\":\""
                + PASSWORD + "\",\"role\":\"" + role + "\"" + (site == null ? "" : ",\"site\":\"" + site + "\"")
                + "}").statusCode()).isEqualTo(201);
        return ApiClient.login(hub.hub().httpPort(), username, PASSWORD);
    }

    /** The node comes online with these devices (id → kind and name), as its agent's birth says. */
    void online(String site, String node, List<Birth.DeviceInfo> devices) throws Exception {
        online(site, "Tiers-lieu numérique de " + NAMES.getOrDefault(site, site), SiteKind.MEDIATION, node, devices);
    }

    void online(String site, String name, SiteKind kind, String node, List<Birth.DeviceInfo> devices)
            throws Exception {
        seqs.put(node, 0L);
        publish(site, node, Topic.Kind.STATE, Messages.state(Presence.ONLINE, 1));
        publish(site, node, Topic.Kind.BIRTH, new Birth(Messages.envelope(next(node)), 1,
                new Birth.SiteInfo(name, kind), new Birth.AgentInfo("1.0", "sha256:1"), devices));
        await().atMost(PATIENCE).until(() -> hub.api().json("/api/nodes?site=" + site).findValuesAsText("id")
                .contains(node));
    }

    static Birth.DeviceInfo device(String id, DeviceKind kind, String name) {
        return new Birth.DeviceInfo(id, kind, name, false);
    }

    /** A reading of a device (or of the node itself when device is null), once the hub has stored it. */
    void reading(String site, String node, String device, Health health, Map<String, Object> metrics)
            throws Exception {
        publish(site, node, Topic.Kind.TELEMETRY, new Telemetry(Messages.envelope(next(node)),
                Optional.ofNullable(device), health, metrics));
        await().atMost(PATIENCE).until(() -> {
            JsonNode answer = device == null ? hub.api().json("/api/nodes?site=" + site)
                    : hub.api().json("/api/devices?node=" + node);
            for (JsonNode row : answer) {
                if (row.path("id").asText().equals(device == null ? node : device)) {
                    return metrics.entrySet().stream().allMatch(e -> row.path("metrics").path(e.getKey()).asText()
                            .equals(String.valueOf(e.getValue())));
                }
            }
            return false;
        });
    }

    private long next(String node) {
        return seqs.merge(node, 1L, Long::sum);
    }

    private void publish(String site, String node, Topic.Kind kind, Message message) throws Exception {
        hub.node().publish(Topic.of(kind, site, node).path(), codec.encode(message), 1, false);
    }

    @Override
    public void close() throws Exception {
        try {
            hub.close();
        } finally {
            database.close();
        }
    }
}
