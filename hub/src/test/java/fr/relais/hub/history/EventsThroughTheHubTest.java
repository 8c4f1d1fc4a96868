package fr.relais.hub.history;

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
import fr.relais.protocol.Event;
import fr.relais.protocol.Severity;
import fr.relais.protocol.Topic;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole way: a node publishes an event on the broker, the hub stores it, and
 * {@code GET /api/events} of the assembled hub (Hub.java's routes and permissions) shows it with
 * its site, to an admin and to a viewer of that site, never to another site's viewer.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class EventsThroughTheHubTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

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

    @Test
    void aPublishedEventIsListedWithItsSiteToThoseWhoSeeIt() throws Exception {
        hub.publish(Topic.Kind.BIRTH, Messages.birth(0, 1, "printer-1"));
        hub.publish(Topic.Kind.EVENT, new Event(Messages.envelope(1), Optional.of("printer-1"), "paper-jam",
                Severity.WARNING, "Bourrage papier", Map.of("tray", 2)));

        JsonNode events = await().atMost(PATIENCE).until(() -> get(hub.api(), "/api/events?node=" + Messages.NODE),
                rows -> rows.size() == 1);
        JsonNode event = events.get(0);
        assertThat(event.path("site").asText()).isEqualTo(Messages.SITE);
        assertThat(event.path("device").asText()).isEqualTo("printer-1");
        assertThat(event.path("type").asText()).isEqualTo("paper-jam");
        assertThat(event.path("message").asText()).isEqualTo("Bourrage papier");
        assertThat(event.path("data").path("tray").asInt()).isEqualTo(2);
        assertThat(event.path("deviceTs").asText()).isEqualTo(Messages.TS.plusSeconds(1).toString());
        assertThat(event.path("clockSynced").asBoolean()).isTrue();

        ApiClient ownViewer = account("lea", Messages.SITE);
        assertThat(get(ownViewer, "/api/events")).hasSize(1);
        ApiClient otherViewer = account("max", "montcornet");
        assertThat(get(otherViewer, "/api/events")).isEmpty();
        assertThat(get(otherViewer, "/api/events?node=" + Messages.NODE)).isEmpty();
    }

    private ApiClient account(String username, String site) throws Exception {
        HttpResponse<String> created = hub.api().send("POST", "/api/accounts", "{\"username\":\"" + username
                + "\",\"password\":\"a-long-enough-password\",\"role\":\"viewer\",\"site\":\"" + site + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ApiClient.login(hub.hub().httpPort(), username, "a-long-enough-password");
    }

    private static JsonNode get(ApiClient client, String path) throws Exception {
        HttpResponse<String> response = client.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
