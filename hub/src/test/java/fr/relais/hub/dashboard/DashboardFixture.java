package fr.relais.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.ApiClient;
import fr.relais.hub.HubUnderTest;
import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.db.Sql;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.hub.telemetry.RetentionSettings;
import fr.relais.protocol.Birth;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Event;
import fr.relais.protocol.Health;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Severity;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A broker and a real hub on SQLite for the dashboard's browser tests, one per class: register it in a
 * {@code static} field with {@code @RegisterExtension}; both start before the class's {@code @BeforeAll} and stop
 * after its {@code @AfterAll}. Nodes that speak through the broker as
 * agents would (a birth with the devices' names and kinds, then readings and events), accounts of every role, and
 * rows written straight into its tables (rollups, old alerts) as a hub that has run for a while holds them.
 * {@link Option#ALERTS_EVERY_SECOND} evaluates the alert rules every second (an alert opens while the test waits,
 * not ten seconds later); {@link Option#EXAMPLE_TERRITORY} loads the example territory (six places, their communes,
 * hours, workshops and the van's tour).
 */
final class DashboardFixture implements BeforeAllCallback, AfterAllCallback {
    static final String PASSWORD = "a-long-enough-password";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Map<String, String> NAMES = Map.of("dizy-le-gros", "Dizy-le-Gros", "montcornet", "Montcornet",
            "rozoy", "Rozoy-sur-Serre", "brunehamel", "Brunehamel");

    enum Option {
        /** The alert rules evaluated every second instead of the default interval. */
        ALERTS_EVERY_SECOND,
        /** The example territory loaded at start. */
        EXAMPLE_TERRITORY
    }

    private final MosquittoExtension mosquitto = new MosquittoExtension();
    private final EnumSet<Option> chosen = EnumSet.noneOf(Option.class);
    private final MessageCodec codec = new MessageCodec();
    private final Map<String, Long> seqs = new ConcurrentHashMap<>();
    private Path dir;
    private TestDatabase database;
    private HubUnderTest hub;

    DashboardFixture(Option... options) {
        chosen.addAll(List.of(options));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        mosquitto.beforeAll(context);
        dir = Files.createTempDirectory("relais-dashboard-");
        String brokerUrl = brokerUrl();
        database = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
        HubUnderTest started = null;
        try {
            Optional<Path> rules = Optional.empty();
            if (chosen.contains(Option.ALERTS_EVERY_SECOND)) {
                rules = Optional.of(Files.writeString(dir.resolve("alert-rules.yaml"), "evaluationSeconds: 1\n"));
            }
            started = HubUnderTest.start(brokerUrl, new HubConfig("127.0.0.1", 0, database.url(),
                    new MqttSettings(brokerUrl, "hub-under-test", Optional.empty(), Optional.empty()),
                    // No node may fall silent (an alert of its own) while a slow machine runs the class.
                    rules, Duration.ofMinutes(30), RetentionSettings.DEFAULT, ApiClient.AUTH)
                    .withExampleContent(chosen.contains(Option.EXAMPLE_TERRITORY)));
        } finally {
            if (started == null) {
                database.close();
            }
        }
        hub = started;
    }

    /** The broker the hub listens to, for a node of the test's own (a FakeNode). */
    String brokerUrl() {
        return mosquitto.broker().url();
    }

    /** The dashboard's address, without a screen: add "#/…" for one. */
    String dashboard() {
        return "http://127.0.0.1:" + port() + "/";
    }

    int port() {
        return hub.hub().httpPort();
    }

    /** The JDBC address of the hub's database, for rows written straight into its tables. */
    String databaseUrl() {
        return database.url();
    }

    ApiClient admin() {
        return hub.api();
    }

    /** A new account, logged in: site null for a territory-wide one. */
    ApiClient account(String username, String role, String site) throws Exception {
        assertThat(hub.api().send("POST", "/api/accounts", "{\"username\":\"" + username + "\",\"password\":\""
                + PASSWORD + "\",\"role\":\"" + role + "\"" + (site == null ? "" : ",\"site\":\"" + site + "\"")
                + "}").statusCode()).isEqualTo(201);
        return ApiClient.login(port(), username, PASSWORD);
    }

    /** The node comes online with these devices, as its agent's birth names them. */
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

    /** A place's box comes online with its kiosk: the place is then one of the hub's sites. */
    void online(String site, String node) throws Exception {
        online(site, node, List.of(device("borne", DeviceKind.KIOSK, "Borne de l'accueil")));
    }

    /** A ticket taken at the kiosk, as its agent publishes it: through the broker and the ingestion. */
    void kioskTicket(String site, String node, int number, String label, String topic) throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticket", UUID.randomUUID().toString());
        data.put("number", (long) number);
        data.put("label", label);
        data.put("topic", topic);
        data.put("day", LocalDate.now(ZoneId.of("Europe/Paris")).toString());
        data.put("takenAt", Instant.now().toString());
        publish(site, node, Topic.Kind.EVENT, new Event(new Envelope(MessageIds.next(), next(node), Instant.now(),
                ClockConfidence.SYNCED), Optional.of("borne"), "ticket-taken", Severity.INFO, "ticket-taken", data));
    }

    /** A ticket of today as ingestion stores it, written straight into the table (before the page opens). */
    void ticket(String id, String site, int number, String label, String topic, long takenAt) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.url())) {
            Sql.update(connection, "INSERT INTO queue_tickets (id, site_id, node_id, day, number, label, topic,"
                    + " taken_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting')", id, site, site + "-pi",
                    LocalDate.now(ZoneId.of("Europe/Paris")).toString(), number, label, topic, takenAt);
        }
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

    /** A reading of the node itself (its temperature, its backlog), once the hub has stored it. */
    void nodeReading(String site, String node, Map<String, Object> metrics) throws Exception {
        reading(site, node, null, Health.OK, metrics);
    }

    /** An event of a device, once the hub lists it. */
    void event(String site, String node, String device, String type, Severity severity, String message)
            throws Exception {
        int before = hub.api().json("/api/events?node=" + node).size();
        publish(site, node, Topic.Kind.EVENT, new Event(Messages.envelope(next(node)), Optional.of(device), type,
                severity, message, Map.of()));
        await().atMost(PATIENCE).until(() -> hub.api().json("/api/events?node=" + node).size() == before + 1);
    }

    /** The node's open alerts of that device, once there are {@code count}. */
    List<String> openAlerts(String node, String device, int count) {
        return await().atMost(PATIENCE).until(() -> hub.api().json("/api/alerts?state=open&node=" + node
                + "&device=" + device).findValuesAsText("id"), ids -> ids.size() == count);
    }

    /**
     * Rollup rows as the minute or hour rollup writes them: one per bucket (epoch ms), the value its
     * average over {@code samples} readings.
     */
    void rollups(String table, String node, String device, String metric, Map<Long, Double> averages, boolean simulated)
            throws Exception {
        assertThat(table).isIn("telemetry_minute", "telemetry_hour");
        try (Connection connection = DriverManager.getConnection(database.url());
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (node_id, device_id,"
                     + " metric, bucket_start, samples, min_value, max_value, sum_value, simulated)"
                     + " VALUES (?, ?, ?, ?, 2, ?, ?, ?, ?)")) {
            for (Map.Entry<Long, Double> bucket : averages.entrySet()) {
                insert.setString(1, node);
                insert.setString(2, device);
                insert.setString(3, metric);
                insert.setLong(4, bucket.getKey());
                insert.setDouble(5, bucket.getValue() - 1);
                insert.setDouble(6, bucket.getValue() + 1);
                insert.setDouble(7, bucket.getValue() * 2);
                insert.setBoolean(8, simulated);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * {@code count} alerts of a printer, opened a minute apart before now and long cleared, as a hub that has
     * run for a while holds them: the history pages.
     */
    void clearedAlerts(String site, String node, String device, int count) throws Exception {
        long now = System.currentTimeMillis();
        try (Connection connection = DriverManager.getConnection(database.url());
             PreparedStatement insert = connection.prepareStatement("INSERT INTO alerts (id, condition_key, rule_id,"
                     + " site_id, node_id, device_id, device_kind, severity, state, flapping, message, since,"
                     + " opened_at, cleared_at, cleared_by, clear_comment) VALUES (?, ?, 'printer-toner-low', ?, ?, ?,"
                     + " 'printer', 'warning', 'cleared', FALSE, ?, ?, ?, ?, 'admin', ?)")) {
            for (int i = 0; i < count; i++) {
                long opened = now - Duration.ofHours(2).toMillis() - Duration.ofMinutes(i).toMillis();
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, "printer-toner-low/" + node + "/" + device);
                insert.setString(3, site);
                insert.setString(4, node);
                insert.setString(5, device);
                insert.setString(6, "Toner de l'imprimante presque vide (" + (i + 1) + ")");
                insert.setLong(7, opened);
                insert.setLong(8, opened);
                insert.setLong(9, opened + 30_000);
                insert.setString(10, "cartouche n° " + (i + 1));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private long next(String node) {
        return seqs.merge(node, 1L, Long::sum);
    }

    private void publish(String site, String node, Topic.Kind kind, Message message) throws Exception {
        hub.node().publish(Topic.of(kind, site, node).path(), codec.encode(message), 1, false);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (hub != null) {
                hub.close();
            }
        } finally {
            try {
                if (database != null) {
                    database.close();
                }
            } finally {
                mosquitto.afterAll(context);
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                }
            }
        }
    }
}
