package fr.relais.kiosk.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's only door to the world: the local agent's loopback API, found through the link file
 * the agent writes at start. Either side may restart: a request that fails (no answer, or 401 after
 * the agent changed its token) reads the link file again and is tried once more. Blocking: call it
 * from a background thread, never the JavaFX one.
 */
public final class AgentClient {
    static final Duration TIMEOUT = Duration.ofSeconds(4);
    private static final Logger LOG = LoggerFactory.getLogger(AgentClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The agent's answers without a network: a request's method, path and body (null for a GET) give the
     * agent's JSON, or an {@link AgentException} with the HTTP status the agent would have sent.
     */
    @FunctionalInterface
    public interface Answers {
        JsonNode answer(String method, String path, JsonNode body) throws AgentException;
    }

    private final Path linkFile;
    private final HttpClient http;
    private final Answers answers;
    private volatile AgentLink link;

    public AgentClient(Path linkFile) {
        this.linkFile = Objects.requireNonNull(linkFile, "linkFile");
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
        this.answers = null;
    }

    /**
     * A client that asks {@code answers} instead of an agent (screenshots and tests of the screens'
     * states, see {@link KioskAgent#scripted}); it has no link file.
     */
    public AgentClient(Answers answers) {
        this.linkFile = null;
        this.http = null;
        this.answers = Objects.requireNonNull(answers, "answers");
    }

    public Path linkFile() {
        return linkFile;
    }

    /** The agent's address as last read, for the maintenance screen; null before the first read. */
    public URI url() {
        AgentLink current = link;
        return current == null ? null : current.url();
    }

    public AgentReplies.Status status() throws AgentException {
        return AgentJson.status(get("/kiosk/v1/status"));
    }

    public AgentReplies.Content content() throws AgentException {
        return AgentJson.content(get("/kiosk/v1/content"));
    }

    public java.util.List<AgentReplies.Device> devices() throws AgentException {
        return AgentJson.devices(get("/kiosk/v1/devices"));
    }

    public AgentReplies.BadgeReads badgeReads(long after) throws AgentException {
        return AgentJson.badgeReads(get("/kiosk/v1/badge-reads?after=" + Math.max(0, after)));
    }

    /** A queue ticket; works while the hub is unreachable (the agent numbers it). */
    public AgentReplies.Ticket takeTicket(String topic) throws AgentException {
        ObjectNode body = JSON.createObjectNode().put("topic", topic);
        return AgentJson.ticket(send("POST", "/kiosk/v1/tickets", body, 201));
    }

    /**
     * Sends a kiosk action ({@code type} + its fields). A 503 "offline" is not an error here but the
     * state {@code offline}, with the agent's French sentence.
     */
    public AgentReplies.Action act(String type, Map<String, ?> fields) throws AgentException {
        ObjectNode body = JSON.createObjectNode().put("type", type);
        fields.forEach((name, value) -> body.set(name, JSON.valueToTree(value)));
        try {
            return AgentJson.action(send("POST", "/kiosk/v1/actions", body, 200, 202));
        } catch (AgentException e) {
            if (e.status() == 503) {
                return new AgentReplies.Action(null, "offline", null, e.getMessage(), null);
            }
            throw e;
        }
    }

    /**
     * An action's state. A 404 (an id the agent never issued: its database was wiped, or it is
     * another agent) is not an error here but the state {@link AgentReplies.Action#LOST}: no answer
     * will ever come, the visitor must ask again.
     */
    public AgentReplies.Action action(String id) throws AgentException {
        try {
            return AgentJson.action(get("/kiosk/v1/actions/" + id));
        } catch (AgentException e) {
            if (e.status() == 404) {
                return new AgentReplies.Action(id, AgentReplies.Action.LOST, null, e.getMessage(), null);
            }
            throw e;
        }
    }

    /** True when the agent recognised a technician's badge read and PIN; false on a refusal (403). */
    public boolean maintenance(String read, String pin) throws AgentException {
        ObjectNode body = JSON.createObjectNode().put("read", read).put("pin", pin);
        try {
            return send("POST", "/kiosk/v1/maintenance", body, 200).path("ok").asBoolean(false);
        } catch (AgentException e) {
            if (e.status() == 403) {
                return false;
            }
            throw e;
        }
    }

    private JsonNode get(String path) throws AgentException {
        return send("GET", path, null, 200);
    }

    private JsonNode send(String method, String path, JsonNode body, int... expected) throws AgentException {
        if (answers != null) {
            return answers.answer(method, path, body);
        }
        AgentLink current = link;
        boolean fresh = false;
        if (current == null) {
            current = reread();
            fresh = true;
        }
        try {
            return exchange(current, method, path, body, expected);
        } catch (AgentException e) {
            boolean retry = !fresh && (e.status() == 0 || e.status() == 401);
            if (!retry) {
                throw e;
            }
            // The agent may have restarted on another port or with a new token.
            return exchange(reread(), method, path, body, expected);
        }
    }

    private AgentLink reread() throws AgentException {
        AgentLink read = AgentLink.read(linkFile);
        if (!read.equals(link)) {
            LOG.info("Agent link: {}", read.url());
        }
        link = read;
        return read;
    }

    private JsonNode exchange(AgentLink to, String method, String path, JsonNode body, int... expected)
            throws AgentException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(to.url() + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + to.token())
                .header("Accept", "application/json");
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json; charset=utf-8")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AgentException("agent unreachable at " + to.url() + " (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException("interrupted");
        }
        JsonNode answer = AgentJson.parse(response.body());
        for (int status : expected) {
            if (response.statusCode() == status) {
                return answer;
            }
        }
        String message = answer.path("message").asText("HTTP " + response.statusCode() + " from the agent");
        throw new AgentException(message, response.statusCode());
    }
}
