package fr.relais.hub.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.ApiClient;
import fr.relais.hub.HubUnderTest;
import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.hub.telemetry.RetentionSettings;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Event;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Severity;
import fr.relais.protocol.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live channel's {@code place} events on a real hub, broker and database (SQLite): a ticket taken at the
 * kiosk and a write through the queue API reach the place's mediator and not another place's; a refused write
 * sends nothing.
 */
class PlaceEventsTest {
    private static final String SITE = Messages.SITE;
    private static final String OTHER_SITE = "montcornet";
    private static final String PASSWORD = "a-long-enough-password";

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    private TestDatabase database;
    private HubUnderTest hub;
    private ApiClient admin;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private long seq = 10;

    @BeforeEach
    void start(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        database = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
        Path rules = Files.writeString(dir.resolve("alert-rules.yaml"), "evaluationSeconds: 3600\n");
        hub = HubUnderTest.start(broker.url(), new HubConfig("127.0.0.1", 0, database.url(),
                new MqttSettings(broker.url(), "hub-under-test", Optional.empty(), Optional.empty()),
                Optional.of(rules), Duration.ofSeconds(120), RetentionSettings.DEFAULT, ApiClient.AUTH));
        admin = hub.api();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : closing) {
            resource.close();
        }
        hub.close();
        database.close();
    }

    private int port() {
        return hub.hub().httpPort();
    }

    private ApiClient mediator(String username, String site) throws Exception {
        assertThat(admin.send("POST", "/api/accounts", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"mediator\",\"site\":\"" + site + "\"}").statusCode()).isEqualTo(201);
        return ApiClient.login(port(), username, PASSWORD);
    }

    private SseClient stream(ApiClient client) throws Exception {
        SseClient stream = SseClient.open(port(), "/api/live", "cookie", client.cookie().orElseThrow());
        closing.add(stream);
        assertThat(stream.status()).isEqualTo(200);
        stream.next(frame -> frame.id() != null && frame.type() == null);
        return stream;
    }

    private void kiosk(String type, Object... fields) throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            data.put((String) fields[i], fields[i + 1]);
        }
        long number = seq++;
        hub.publish(Topic.Kind.EVENT, new Event(new Envelope(MessageIds.next(), number, Instant.now(),
                ClockConfidence.SYNCED), Optional.of("borne"), type, Severity.INFO, type, data));
    }

    private void ticket(int number, String label) throws Exception {
        kiosk("ticket-taken", "ticket", UUID.randomUUID().toString(), "number", (long) number, "label", label,
                "topic", "caf", "day", LocalDate.now(ZoneId.of("Europe/Paris")).toString(),
                "takenAt", Instant.now().toString());
    }

    private static boolean place(SseClient.Frame frame, String what) {
        return "place".equals(frame.type()) && frame.json().path("what").asText().equals(what);
    }

    @Test
    void aTicketAndAQueueWriteReachThePlacesMediatorOnlyAndARefusedWriteNothing() throws Exception {
        ApiClient claire = mediator("claire", SITE);
        ApiClient other = mediator("paul", OTHER_SITE);
        SseClient claireLive = stream(claire);
        SseClient otherLive = stream(other);
        SseClient adminLive = stream(admin);
        hub.publish(Topic.Kind.STATE, Messages.state(Presence.ONLINE, 1));
        hub.publish(Topic.Kind.BIRTH, Messages.birth(seq++, 1, "borne"));

        // A ticket taken at the kiosk: the place's pages hear of it.
        ticket(1, "C1");
        JsonNode taken = claireLive.next(frame -> place(frame, "queue")).json();
        assertThat(taken.path("site").asText()).isEqualTo(SITE);
        assertThat(adminLive.next(frame -> place(frame, "queue")).json().path("site").asText()).isEqualTo(SITE);

        // The mediator calls it: a write of the queue API, 2xx.
        assertThat(claire.send("POST", "/api/queue/" + SITE + "/call-next", "{\"desk\":\"Bureau 2\"}")
                .statusCode()).isEqualTo(200);
        assertThat(claireLive.next(frame -> place(frame, "queue")).json().path("site").asText()).isEqualTo(SITE);

        // Nobody waits any more: the call is refused (404), and no event says the queue changed. A workshop
        // registration at the kiosk (refused too, but carried out) comes after it, in the same order.
        int before = claireLive.frames().size();
        assertThat(claire.send("POST", "/api/queue/" + SITE + "/call-next", "{\"desk\":\"Bureau 2\"}")
                .statusCode()).isEqualTo(404);
        assertThat(claire.send("POST", "/api/queue/" + OTHER_SITE + "/call-next", "{\"desk\":\"Bureau 2\"}")
                .statusCode()).isEqualTo(403);
        kiosk("workshop-register", "action", UUID.randomUUID().toString(), "workshop", "nope");
        claireLive.next(frame -> place(frame, "workshops"));
        List<SseClient.Frame> since = claireLive.frames().subList(before, claireLive.frames().size());
        assertThat(since).noneMatch(frame -> place(frame, "queue"));
        adminLive.next(frame -> place(frame, "workshops"));
        assertThat(adminLive.events()).filteredOn(frame -> "place".equals(frame.type()))
                .noneMatch(frame -> frame.json().path("site").asText().equals(OTHER_SITE));

        // The other place's mediator heard of none of it.
        assertThat(otherLive.events()).noneMatch(frame -> "place".equals(frame.type()));
    }
}
