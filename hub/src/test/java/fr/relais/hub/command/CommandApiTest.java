package fr.relais.hub.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.ApiClient;
import fr.relais.hub.FakeNode;
import fr.relais.hub.Hub;
import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.protocol.Command;
import fr.relais.protocol.Reply;
import fr.relais.protocol.ReplyStatus;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Commands from the REST API to a node played by a plain MQTT client, on a real Mosquitto. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class CommandApiTest {
    @Parameter
    TestDatabase.Kind kind;
    private TestDatabase testDatabase;

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private Hub hub;
    private ApiClient api;
    private FakeNode node;

    @BeforeEach
    void start(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        testDatabase = TestDatabase.create(kind, dir);
        hub = Hub.start(new HubConfig("127.0.0.1", 0, testDatabase.url(),
                new MqttSettings(broker.url(), "hub-under-test", Optional.empty(), Optional.empty()), ApiClient.AUTH));
        api = ApiClient.admin(hub.httpPort());
        await().atMost(PATIENCE).until(() -> get("/api/ingest").path("mqttConnected").asBoolean());
        node = new FakeNode(broker.url(), Messages.SITE, Messages.NODE);
        node.announce();
        await().atMost(PATIENCE).until(() -> get("/api/nodes").findValuesAsText("id").contains(Messages.NODE));
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
        hub.close();
        testDatabase.close();
    }

    @Test
    void aCommandIsSentAcceptedThenSucceedsAndTheNodeGetsWhatWasAsked() throws Exception {
        HttpResponse<String> created = post(Messages.NODE,
                "{\"name\":\"ping\",\"args\":{\"echo\":\"bonjour\",\"count\":3,\"nested\":{\"ok\":true}},"
                        + "\"timeoutSeconds\":90}");
        assertThat(created.statusCode()).isEqualTo(202);
        JsonNode command = JSON.readTree(created.body());
        String id = command.path("id").asText();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(created.headers().firstValue("location")).hasValue("/api/commands/" + id);
        assertThat(command.path("status").asText()).isIn("pending", "sent");
        assertThat(command.path("node").asText()).isEqualTo(Messages.NODE);
        assertThat(command.path("site").asText()).isEqualTo(Messages.SITE);
        assertThat(command.path("name").asText()).isEqualTo("ping");
        assertThat(command.path("args")).isEqualTo(JSON.readTree("{\"echo\":\"bonjour\",\"count\":3,\"nested\":{\"ok\":true}}"));
        Instant createdAt = Instant.parse(command.path("createdAt").asText());
        assertThat(Instant.parse(command.path("deadline").asText())).isEqualTo(createdAt.plusSeconds(90));

        Command received = node.nextCommand();
        assertThat(received.name()).isEqualTo("ping");
        assertThat(received.requestId()).isEqualTo(UUID.fromString(id));
        assertThat(received.args()).isEqualTo(Map.of("echo", "bonjour", "count", 3L, "nested", Map.of("ok", true)));
        assertThat(received.expiresAt()).hasValue(createdAt.plusSeconds(90));
        JsonNode sent = awaitStatus(id, "sent");
        assertThat(sent.path("sentAt").isTextual()).isTrue();
        assertThat(sent.path("replyStatus").isNull()).isTrue();

        Reply accepted = node.reply(received, ReplyStatus.ACCEPTED, "", Map.of());
        JsonNode delivered = awaitStatus(id, "delivered");
        assertThat(delivered.path("replyStatus").asText()).isEqualTo("accepted");
        assertThat(delivered.path("deliveredAt").isTextual()).isTrue();
        assertThat(delivered.path("finishedAt").isNull()).isTrue();

        Reply ok = node.reply(received, ReplyStatus.OK, "", Map.of("latencyMs", 12L));
        JsonNode succeeded = awaitStatus(id, "succeeded");
        assertThat(succeeded.path("replyStatus").asText()).isEqualTo("ok");
        assertThat(succeeded.path("reason").isNull()).isTrue();
        assertThat(succeeded.path("result")).isEqualTo(JSON.readTree("{\"latencyMs\":12}"));
        assertThat(succeeded.path("finishedAt").isTextual()).isTrue();
        assertThat(get("/api/nodes/" + Messages.NODE + "/commands").path(0).path("id").asText()).isEqualTo(id);

        long duplicates = get("/api/ingest").path("sinceStart").path("duplicatesDropped").asLong();
        node.send(accepted);
        node.send(ok);
        await().atMost(PATIENCE).until(() -> get("/api/ingest").path("sinceStart").path("duplicatesDropped")
                .asLong() == duplicates + 2);
        assertThat(get("/api/commands/" + id)).isEqualTo(succeeded);
        assertThat(get("/api/dead-letters")).isEmpty();
    }

    @Test
    void aRejectionFailsTheCommandWithTheNodesReason() throws Exception {
        String id = send("{\"name\":\"reboot\"}");
        Command received = node.nextCommand();
        assertThat(received.args()).isEmpty();
        node.reply(received, ReplyStatus.REJECTED, "reboot is not allowed during opening hours", Map.of());
        JsonNode failed = awaitStatus(id, "failed");
        assertThat(failed.path("replyStatus").asText()).isEqualTo("rejected");
        assertThat(failed.path("reason").asText()).isEqualTo("reboot is not allowed during opening hours");
        assertThat(failed.path("deliveredAt").isNull()).isTrue();
        assertThat(Instant.parse(failed.path("deadline").asText()))
                .isEqualTo(Instant.parse(failed.path("createdAt").asText()).plusSeconds(60));
    }

    @Test
    void aNodeThatNeverAnswersTimesOut() throws Exception {
        String id = send("{\"name\":\"ping\",\"timeoutSeconds\":1}");
        node.nextCommand();
        JsonNode timedOut = awaitStatus(id, "timed-out");
        assertThat(timedOut.path("replyStatus").isNull()).isTrue();
        assertThat(timedOut.path("reason").asText()).contains("no final reply");
        assertThat(Instant.parse(timedOut.path("finishedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(timedOut.path("deadline").asText()));
    }

    @Test
    void aFinalReplyAfterTheTimeoutStillRecordsWhatHappened() throws Exception {
        String id = send("{\"name\":\"reboot\",\"timeoutSeconds\":1}");
        Command received = node.nextCommand();
        awaitStatus(id, "timed-out");
        node.reply(received, ReplyStatus.ACCEPTED, "", Map.of());
        await().atMost(PATIENCE).until(() -> get("/api/commands/" + id).path("replyStatus").asText()
                .equals("accepted"));
        assertThat(get("/api/commands/" + id).path("status").asText()).as("accepted is not final").isEqualTo("timed-out");
        node.reply(received, ReplyStatus.OK, "", Map.of("uptimeSeconds", 4L));
        JsonNode succeeded = awaitStatus(id, "succeeded");
        assertThat(succeeded.path("replyStatus").asText()).isEqualTo("ok");
        assertThat(succeeded.path("reason").isNull()).isTrue();
        assertThat(succeeded.path("result").path("uptimeSeconds").asLong()).isEqualTo(4);
    }

    @Test
    void repliesToUnknownRequestsOrFromAnotherNodeGoToTheDeadLetters(MosquittoProcess broker) throws Exception {
        String id = send("{\"name\":\"ping\"}");
        Command received = node.nextCommand();
        awaitStatus(id, "sent");
        Command stranger = new Command("ping", UUID.randomUUID(), Instant.now(), Optional.empty(), Map.of());
        node.reply(stranger, ReplyStatus.OK, "", Map.of());
        try (FakeNode other = new FakeNode(broker.url(), "montcornet", "montcornet-pi")) {
            other.reply(received, ReplyStatus.OK, "", Map.of());
        }
        await().atMost(PATIENCE).until(() -> get("/api/dead-letters").size() == 2);
        assertThat(get("/api/dead-letters").findValuesAsText("reason"))
                .anySatisfy(reason -> assertThat(reason).isEqualTo("no command " + stranger.requestId()
                        + " was sent by this hub"))
                .anySatisfy(reason -> assertThat(reason).isEqualTo("command " + id + " was sent to node "
                        + Messages.NODE + ", not montcornet-pi"));
        assertThat(get("/api/dead-letters").findValuesAsText("field")).containsOnly("requestId");
        assertThat(get("/api/commands/" + id).path("status").asText()).isEqualTo("sent");
    }

    @Test
    void refusesBadRequestsWithJsonErrors() throws Exception {
        assertError(post(Messages.NODE, "{\"name\":"), 400, "not valid JSON");
        assertError(post(Messages.NODE, ""), 400, "must be a JSON object");
        assertError(post(Messages.NODE, "[\"ping\"]"), 400, "must be a JSON object, got array");
        assertError(post(Messages.NODE, "{\"name\":\"ping\",\"name\":\"reboot\"}"), 400, "Duplicate field 'name'");
        assertError(post(Messages.NODE, "{\"name\":\"ping\",\"timeout\":5}"), 400, "unknown field 'timeout'");
        assertError(post(Messages.NODE, "{\"args\":{}}"), 400, "name is required");
        assertError(post(Messages.NODE, "{\"name\":\"Reboot Now\"}"), 400, "name 'Reboot Now' must be lower-case");
        assertError(post(Messages.NODE, "{\"name\":\"ping\",\"args\":[1]}"), 400, "args must be a JSON object");
        assertError(post(Messages.NODE, "{\"name\":\"ping\",\"timeoutSeconds\":0}"), 400, "between 1 and 86400, got 0");
        assertError(post(Messages.NODE, "{\"name\":\"ping\",\"timeoutSeconds\":86401}"), 400, "between 1 and 86400");
        assertError(post(Messages.NODE, "{\"name\":\"ping\",\"timeoutSeconds\":\"60\"}"), 400, "whole number");
        assertError(post(Messages.NODE, "{\"name\":\"ping\",\"args\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":"
                + "{\"g\":{\"h\":{\"i\":{\"j\":{\"k\":{\"l\":{\"m\":{\"n\":{\"o\":{\"p\":{\"q\":1}}}}}}}}}}}}}}}}}}"),
                400, "args");
        assertError(post("nobody-here", "{\"name\":\"ping\"}"), 404, "no node 'nobody-here'");
        assertError(request("/api/commands/not-a-uuid"), 400, "a command id is a UUID");
        assertError(request("/api/commands/" + UUID.randomUUID()), 404, "no command");
        assertError(request("/api/nodes/nobody-here/commands"), 404, "no node 'nobody-here'");
        assertError(request("/api/nodes/" + Messages.NODE + "/commands?limit=0"), 400, "between 1 and 1000");
        assertThat(get("/api/nodes/" + Messages.NODE + "/commands")).as("nothing was recorded").isEmpty();
    }

    @Test
    void aBodyThatDoesNotSayItIsJsonIsRefusedWith415() throws Exception {
        assertError(post(Messages.NODE, "application/x-www-form-urlencoded", "{\"name\":\"ping\"}"), 415,
                "content-type: application/json");
        assertError(post(Messages.NODE, "text/plain", "{\"name\":\"ping\"}"), 415, "not 'text/plain'");
        assertError(post(Messages.NODE, null, "{\"name\":\"ping\"}"), 415, "without a content-type");
        assertThat(post(Messages.NODE, "Application/JSON; charset=utf-8", "{\"name\":\"ping\"}").statusCode())
                .isEqualTo(202);
        assertThat(get("/api/nodes/" + Messages.NODE + "/commands")).as("only the JSON one was recorded").hasSize(1);
    }

    /** The node needs the real password; the hub's record and its API must not show it. */
    @Test
    void setConfigIsSentWholeButRecordedWithItsPasswordMasked() throws Exception {
        String yaml = "node: dizy-le-gros-pi\nbroker:\n  url: tcp://127.0.0.1:1883\n  username: dizy\n"
                + "  password: Tr3s-s3cret\n";
        String body = JSON.createObjectNode().put("name", "set-config")
                .set("args", JSON.createObjectNode().put("config", yaml)
                        .set("extra", JSON.createObjectNode().put("password", "0ther-s3cret"))).toString();
        HttpResponse<String> created = post(Messages.NODE, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        assertThat(created.body()).doesNotContain("s3cret");
        String id = JSON.readTree(created.body()).path("id").asText();

        Command received = node.nextCommand();
        assertThat(received.args().get("config")).isEqualTo(yaml);
        assertThat(received.args().get("extra")).isEqualTo(Map.of("password", "0ther-s3cret"));

        JsonNode recorded = get("/api/commands/" + id);
        assertThat(recorded.path("args").path("config").asText())
                .contains("username: dizy", "password: \"****\"").doesNotContain("s3cret");
        assertThat(recorded.path("args").path("extra").path("password").asText()).isEqualTo("****");
        assertThat(request("/api/nodes/" + Messages.NODE + "/commands").body()).doesNotContain("s3cret");
    }

    @Test
    void refusesWhileTheBrokerIsAwayAndRecordsNothing(MosquittoProcess broker) throws Exception {
        broker.stop();
        await().atMost(PATIENCE).until(() -> !get("/api/ingest").path("mqttConnected").asBoolean());
        assertError(post(Messages.NODE, "{\"name\":\"ping\"}"), 503, "not connected to the MQTT broker");
        assertThat(get("/api/nodes/" + Messages.NODE + "/commands")).isEmpty();
    }

    @Test
    void listsANodesCommandsMostRecentFirst() throws Exception {
        String first = send("{\"name\":\"ping\"}");
        String second = send("{\"name\":\"print-test-page\",\"args\":{\"printer\":\"printer-1\"}}");
        assertThat(get("/api/nodes/" + Messages.NODE + "/commands").findValuesAsText("id"))
                .containsExactly(second, first);
        assertThat(get("/api/nodes/" + Messages.NODE + "/commands?limit=1").findValuesAsText("id"))
                .containsExactly(second);
    }

    private String send(String body) throws Exception {
        HttpResponse<String> created = post(Messages.NODE, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        return JSON.readTree(created.body()).path("id").asText();
    }

    private JsonNode awaitStatus(String id, String status) {
        return await().atMost(PATIENCE).until(() -> get("/api/commands/" + id),
                command -> command.path("status").asText().equals(status));
    }

    private HttpResponse<String> post(String nodeId, String body) throws Exception {
        return post(nodeId, "application/json", body);
    }

    private HttpResponse<String> post(String nodeId, String contentType, String body) throws Exception {
        return api.send("POST", "/api/nodes/" + nodeId + "/commands", body, contentType);
    }

    private HttpResponse<String> request(String path) throws Exception {
        return api.get(path);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = request(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("status").asInt()).isEqualTo(status);
        assertThat(error.path("error").asText()).contains(message);
    }
}
