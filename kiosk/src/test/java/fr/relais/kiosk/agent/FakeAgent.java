package fr.relais.kiosk.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import static fr.relais.kiosk.sample.SampleContent.mutable;

import fr.relais.protocol.content.KioskActions;
import fr.relais.protocol.content.PlaceContent;
import fr.relais.protocol.content.PlaceContentCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's loopback API as ISSUE12 describes it, served by a real HTTP server on 127.0.0.1 for
 * the kiosk's tests: content from {@link PlaceContent} records through the real codec, a link file
 * with a bearer token, answers the test gives by hand.
 */
public final class FakeAgent implements AutoCloseable {
    public static final String TECHNICIAN_PIN = "2468";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Path linkFile;
    private final String token = UUID.randomUUID().toString();
    private volatile PlaceContent content;
    private volatile boolean linkUp = true;
    /** The link went down between the kiosk's last look at the status and its action: 503 while status says up. */
    private volatile boolean actionsOffline;
    private volatile Instant refreshedAt = Instant.now();
    private volatile String devicesJson = "{\"items\":[]}";
    private volatile boolean printerWorks = true;
    private final List<ObjectNode> reads = new CopyOnWriteArrayList<>();
    private final Set<String> memberReads = ConcurrentHashMap.newKeySet();
    private final Set<String> technicianReads = ConcurrentHashMap.newKeySet();
    private final List<JsonNode> posted = new CopyOnWriteArrayList<>();
    private final List<String> pendingActions = new CopyOnWriteArrayList<>();
    private final List<PlaceContent.Answer> answers = new CopyOnWriteArrayList<>();
    private final AtomicInteger tickets = new AtomicInteger();
    private final AtomicInteger unauthorized = new AtomicInteger();
    private final AtomicInteger actionChecks = new AtomicInteger();

    public FakeAgent(Path dir, PlaceContent content) throws IOException {
        this.content = content;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/kiosk/v1/", this::handle);
        server.start();
        linkFile = dir.resolve("kiosk-link.json");
        Files.writeString(linkFile, "{\"url\":\"http://127.0.0.1:" + server.getAddress().getPort()
                + "\",\"token\":\"" + token + "\"}");
    }

    public Path linkFile() {
        return linkFile;
    }

    public void linkUp(boolean up) {
        linkUp = up;
    }

    /** Actions that need the hub answered 503 "offline" while the status still says the link is up. */
    public void actionsOffline(boolean offline) {
        actionsOffline = offline;
    }

    public void content(PlaceContent replaced) {
        content = replaced;
        refreshedAt = Instant.now();
    }

    public void devices(String json) {
        devicesJson = json;
    }

    public void printerWorks(boolean works) {
        printerWorks = works;
    }

    /** A badge read on the kiosk's reader; a member's badge checks in, a technician's opens maintenance. */
    public String badge(boolean member, boolean technician) {
        String read = UUID.randomUUID().toString();
        if (member) {
            memberReads.add(read);
        }
        if (technician) {
            technicianReads.add(read);
        }
        ObjectNode item = JSON.createObjectNode().put("seq", reads.size() + 1).put("read", read)
                .put("at", Instant.now().toString());
        reads.add(item);
        return read;
    }

    /** The bodies the kiosk posted to /kiosk/v1/actions, in order. */
    public List<JsonNode> posted() {
        return List.copyOf(posted);
    }

    public List<String> pendingActions() {
        return List.copyOf(pendingActions);
    }

    /** The agent's database wiped: the actions it issued are unknown to it now (404), as on a real agent. */
    public void forgetActions() {
        pendingActions.clear();
    }

    /** Two minutes passed: the badge reads no longer stand for a member (check-in and booking refused). */
    public void forgetReads() {
        memberReads.clear();
    }

    /** How many times the kiosk asked how an action stands. */
    public int actionChecks() {
        return actionChecks.get();
    }

    public int unauthorized() {
        return unauthorized.get();
    }

    /** The hub's answer to an action, published in the content as the real hub does. */
    public void answer(String action, String status, String code, String message) {
        answers.add(new PlaceContent.Answer(action, status, code, message));
        PlaceContent c = content;
        content(new PlaceContent(c.v(), c.site(), c.version() + 1, Instant.now().toString(), c.example(), c.place(),
                c.hours(), c.van(), mutable(c.workshops()), mutable(c.slots()), c.queue(), mutable(c.rooms()),
                mutable(answers)));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized.incrementAndGet();
                reply(exchange, 401, "{\"error\":\"unauthorized\",\"message\":\"Jeton manquant\"}");
                return;
            }
            String path = exchange.getRequestURI().getPath().substring("/kiosk/v1/".length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET")) {
                get(exchange, path);
            } else {
                JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
                post(exchange, path, body);
            }
        } catch (RuntimeException e) {
            reply(exchange, 500, "{\"error\":\"fake\",\"message\":\"" + e + "\"}");
        }
    }

    private void get(HttpExchange exchange, String path) throws IOException {
        String link = linkUp ? "up" : "down";
        if (path.equals("status")) {
            reply(exchange, 200, JSON.createObjectNode().put("node", "montcornet-pi").put("site", content.site())
                    .put("link", link).put("refreshedAt", refreshedAt.toString()).put("contentVersion", content.version())
                    .toString());
        } else if (path.equals("content")) {
            String raw = new String(PlaceContentCodec.encode(content), StandardCharsets.UTF_8);
            reply(exchange, 200, "{\"refreshedAt\":\"" + refreshedAt + "\",\"link\":\"" + link + "\",\"content\":"
                    + raw + "}");
        } else if (path.equals("devices")) {
            reply(exchange, 200, devicesJson);
        } else if (path.equals("badge-reads")) {
            long after = Long.parseLong(exchange.getRequestURI().getQuery().replace("after=", ""));
            ArrayNode items = JSON.createArrayNode();
            reads.stream().filter(r -> r.path("seq").asLong() > after).forEach(items::add);
            ObjectNode answer = JSON.createObjectNode();
            answer.set("items", items);
            answer.put("last", reads.size());
            reply(exchange, 200, answer.toString());
        } else if (path.startsWith("actions/")) {
            actionChecks.incrementAndGet();
            String id = path.substring("actions/".length());
            ObjectNode state = JSON.createObjectNode().put("action", id).put("state", "pending");
            java.util.Optional<PlaceContent.Answer> answer = answers.stream().filter(a -> a.action().equals(id))
                    .findFirst();
            answer.ifPresent(a -> state.put("state", a.status()).put("code", a.code()).put("message", a.message()));
            if (answer.isEmpty() && !pendingActions.contains(id)) {
                reply(exchange, 404, "{\"error\":\"unknown-action\",\"message\":\"Cette demande est inconnue de la"
                        + " borne (elle a pu être perdue) : recommencez, s'il vous plaît.\"}");
                return;
            }
            reply(exchange, 200, state.toString());
        } else {
            reply(exchange, 404, "{\"error\":\"not-found\",\"message\":\"Inconnu\"}");
        }
    }

    private void post(HttpExchange exchange, String path, JsonNode body) throws IOException {
        switch (path) {
            case "tickets" -> {
                int number = tickets.incrementAndGet();
                String topic = body.path("topic").asText();
                reply(exchange, 201, JSON.createObjectNode().put("ticket", UUID.randomUUID().toString())
                        .put("number", number).put("label", KioskActions.ticketLetter(topic) + String.valueOf(number))
                        .put("topic", topic).put("takenAt", Instant.now().toString()).put("ahead", 2)
                        .put("estimatedWaitMinutes", 20).put("printed", printerWorks).toString());
            }
            case "actions" -> {
                posted.add(body);
                String type = body.path("type").asText();
                if (type.equals(KioskActions.COWORKING_CHECKIN)) {
                    boolean known = memberReads.contains(body.path("read").asText());
                    reply(exchange, 200, known ? "{\"state\":\"done\",\"member\":\"m-42\"}"
                            : "{\"state\":\"refused\",\"message\":\"Badge inconnu : demandez à l'accueil.\"}");
                } else if ((!linkUp || actionsOffline) && KioskActions.NEED_THE_HUB.contains(type)) {
                    reply(exchange, 503, "{\"error\":\"offline\",\"message\":\"La réservation sera possible quand la"
                            + " connexion reviendra.\"}");
                } else if (type.equals(KioskActions.ROOM_BOOK) && !memberReads.contains(body.path("read").asText())) {
                    // As the agent: the member is the badge read's, and a read is forgotten after 2 minutes.
                    reply(exchange, 200, "{\"state\":\"refused\",\"message\":\"Badge non lu ou lu il y a trop longtemps :"
                            + " passez-le à nouveau devant le lecteur.\"}");
                } else {
                    String id = UUID.randomUUID().toString();
                    pendingActions.add(id);
                    reply(exchange, 202, "{\"action\":\"" + id + "\",\"state\":\"pending\"}");
                }
            }
            case "maintenance" -> {
                boolean ok = technicianReads.contains(body.path("read").asText())
                        && TECHNICIAN_PIN.equals(body.path("pin").asText());
                reply(exchange, ok ? 200 : 403, ok ? "{\"ok\":true}"
                        : "{\"error\":\"refused\",\"message\":\"Refusé\"}");
            }
            default -> reply(exchange, 404, "{\"error\":\"not-found\",\"message\":\"Inconnu\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

}
