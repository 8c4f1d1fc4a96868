package fr.relais.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.hub.ApiClient;
import fr.relais.hub.HubUnderTest;
import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.hub.telemetry.RetentionSettings;
import fr.relais.protocol.Birth;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Event;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Severity;
import fr.relais.protocol.SiteKind;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A real hub on SQLite for the place pages' live refresh (File d'attente, Ateliers, Rendez-vous): a place's
 * box online through the broker, its kiosk's actions (a ticket taken…) published as its agent would, and the
 * tickets already taken written straight into the queue's table.
 */
final class PlacesLiveHub implements AutoCloseable {
    static final String PASSWORD = "a-long-enough-password";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private final TestDatabase database;
    private final HubUnderTest hub;
    private final MessageCodec codec = new MessageCodec();
    private long seq;

    PlacesLiveHub(String brokerUrl, Path dir) throws Exception {
        database = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
        Path rules = Files.writeString(dir.resolve("alert-rules.yaml"), "evaluationSeconds: 3600\n");
        HubUnderTest started = null;
        try {
            started = HubUnderTest.start(brokerUrl, new HubConfig("127.0.0.1", 0, database.url(),
                    new MqttSettings(brokerUrl, "hub-under-test", Optional.empty(), Optional.empty()),
                    Optional.of(rules), Duration.ofMinutes(30), RetentionSettings.DEFAULT, ApiClient.AUTH));
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

    int port() {
        return hub.hub().httpPort();
    }

    ApiClient admin() {
        return hub.api();
    }

    ApiClient account(String username, String role, String site) throws Exception {
        assertThat(hub.api().send("POST", "/api/accounts", "{\"username\":\"" + username + "\",\"password\":\""
                + PASSWORD + "\",\"role\":\"" + role + "\"" + (site == null ? "" : ",\"site\":\"" + site + "\"")
                + "}").statusCode()).isEqualTo(201);
        return ApiClient.login(port(), username, PASSWORD);
    }

    /** The place's box comes online with its kiosk: the place is then one of the hub's sites. */
    void online(String site, String node) throws Exception {
        publish(site, node, Topic.Kind.STATE, Messages.state(Presence.ONLINE, 1));
        publish(site, node, Topic.Kind.BIRTH, new Birth(Messages.envelope(++seq), 1,
                new Birth.SiteInfo("Maison France Services " + site, SiteKind.MEDIATION),
                new Birth.AgentInfo("1.0", "sha256:1"), List.of(new Birth.DeviceInfo("borne", DeviceKind.KIOSK,
                        "Borne de l'accueil", false))));
        await().atMost(PATIENCE).until(() -> hub.api().json("/api/nodes?site=" + site).findValuesAsText("id")
                .contains(node));
    }

    static String today() {
        return LocalDate.now(ZoneId.of("Europe/Paris")).toString();
    }

    /** A ticket taken at the kiosk, as its agent publishes it: through the broker and the ingestion. */
    void kioskTicket(String site, String node, int number, String label, String topic) throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticket", UUID.randomUUID().toString());
        data.put("number", (long) number);
        data.put("label", label);
        data.put("topic", topic);
        data.put("day", today());
        data.put("takenAt", Instant.now().toString());
        publish(site, node, Topic.Kind.EVENT, new Event(new Envelope(MessageIds.next(), ++seq, Instant.now(),
                ClockConfidence.SYNCED), Optional.of("borne"), "ticket-taken", Severity.INFO, "ticket-taken", data));
    }

    /** A ticket as ingestion stores it, written straight into the table (the page is not open yet). */
    void ticket(String id, String site, int number, String label, String topic, long takenAt) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.url());
             PreparedStatement insert = connection.prepareStatement("INSERT INTO queue_tickets (id, site_id, node_id,"
                     + " day, number, label, topic, taken_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting')")) {
            insert.setString(1, id);
            insert.setString(2, site);
            insert.setString(3, site + "-pi");
            insert.setString(4, today());
            insert.setInt(5, number);
            insert.setString(6, label);
            insert.setString(7, topic);
            insert.setLong(8, takenAt);
            insert.executeUpdate();
        }
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
