package fr.relais.agent.localapi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.relais.agent.content.HeldContent;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's only door to the node: a small HTTP API on 127.0.0.1 (the JDK's own server, nothing
 * to add to the Pi), each request with the bearer token of the link file. Bodies are at most
 * {@link #MAX_BODY} bytes; garbage is answered 400 with a reason and counted, never thrown.
 * Endpoints under {@code /kiosk/v1/}: see edge-agent/README.md, "The kiosk's API".
 */
public final class KioskApi implements AutoCloseable {
    public static final int MAX_BODY = 16 * 1024;
    static final String PREFIX = "/kiosk/v1/";
    private static final Logger LOG = LoggerFactory.getLogger(KioskApi.class);

    private final KioskParts parts;
    private final TicketDesk tickets;
    private final ActionDesk actions;
    private final HttpServer server;
    private final ExecutorService threads;
    private final String token;
    private final String url;
    private final AtomicLong badRequests = new AtomicLong();
    private final AtomicLong unauthorized = new AtomicLong();
    private final AtomicLong ticketsTaken = new AtomicLong();

    private KioskApi(KioskParts parts, HttpServer server, ExecutorService threads, String token) {
        this.parts = parts;
        this.server = server;
        this.threads = threads;
        this.token = token;
        this.url = "http://127.0.0.1:" + server.getAddress().getPort();
        this.tickets = new TicketDesk(parts.tickets(), parts.printer(), parts.content(), parts.events(),
                parts.kioskDevice(), parts.placeName(), parts.clock());
        this.actions = new ActionDesk(parts.events(), parts.kioskDevice(), parts.linkUp(), parts.content(),
                parts.reads(), parts.members(), parts.actions(), parts.clock());
    }

    /** Binds 127.0.0.1:{@code port} (0: any free port), serves, then writes the link file with a new token. */
    public static KioskApi start(KioskParts parts, int port, Path linkFile) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        ExecutorService threads = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "kiosk-api-" + parts.node());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        KioskApi api = new KioskApi(parts, server, threads, KioskLinkFile.newToken());
        server.createContext("/", api::handle);
        server.start();
        try {
            KioskLinkFile.write(linkFile, api.url, api.token);
        } catch (IOException e) {
            api.close();
            throw new IOException("cannot write the kiosk link file " + linkFile + ": " + e.getMessage(), e);
        }
        LOG.info("{}: kiosk API on {} (link file {})", parts.node(), api.url, linkFile);
        return api;
    }

    public String url() {
        return url;
    }

    public String token() {
        return token;
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Reply reply;
            try {
                reply = route(exchange);
            } catch (BadRequest e) {
                if (e.status() == 400) {
                    badRequests.incrementAndGet();
                    LOG.debug("kiosk request refused: {} {}: {}", exchange.getRequestMethod(),
                            exchange.getRequestURI().getRawPath(), e.getMessage());
                }
                reply = new Reply(e.status(), error(e.code(), e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("kiosk request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                reply = new Reply(500, error("internal", "Le service de la borne a rencontré une erreur."));
            }
            send(exchange, reply);
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("kiosk connection closed early: {}", e.toString());
        }
    }

    private record Reply(int status, Object body) {
    }

    private Reply route(HttpExchange exchange) throws BadRequest, IOException {
        if (!authorised(exchange)) {
            unauthorized.incrementAndGet();
            throw new BadRequest(401, "unauthorized", "Jeton absent ou périmé : relisez le fichier de liaison.");
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        if (!path.startsWith(PREFIX)) {
            throw new BadRequest(404, "not-found", "Adresse inconnue.");
        }
        String rest = path.substring(PREFIX.length());
        if (rest.startsWith("actions/") && method.equals("GET")) {
            return new Reply(200, actions.status(rest.substring("actions/".length())));
        }
        return switch (method + " " + rest) {
            case "GET status" -> new Reply(200, status());
            case "GET content" -> new Reply(200, content());
            case "GET devices" -> new Reply(200, Map.of("items", parts.devices().items()));
            case "GET badge-reads" -> new Reply(200, badgeReads(exchange.getRequestURI()));
            case "POST tickets" -> new Reply(201, ticket(readBody(exchange)));
            case "POST actions" -> {
                ActionDesk.Answer answer = actions.act(KioskJson.body(readBody(exchange)));
                yield new Reply(answer.status(), answer.body());
            }
            case "POST maintenance" -> maintenance(readBody(exchange));
            default -> throw new BadRequest(List.of("status", "content", "devices", "badge-reads", "tickets", "actions",
                    "maintenance").contains(rest) ? 405 : 404, "not-found", "Adresse ou méthode inconnue.");
        };
    }

    private boolean authorised(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = header.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8));
    }

    /** At most {@link #MAX_BODY} bytes, whatever Content-Length claims (or does not). */
    static byte[] readBody(HttpExchange exchange) throws BadRequest, IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > MAX_BODY) {
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                throw new BadRequest("Requête invalide : Content-Length illisible.");
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw tooLarge();
            }
            return body;
        }
    }

    private static BadRequest tooLarge() {
        return new BadRequest("Requête invalide : corps de plus de " + MAX_BODY + " octets.");
    }

    private Map<String, Object> status() {
        Optional<HeldContent> held = parts.content().get();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("node", parts.node());
        status.put("site", parts.site());
        status.put("link", link());
        status.put("refreshedAt", KioskJson.local(held.map(HeldContent::receivedAt)).orElse(null));
        status.put("contentVersion", held.map(HeldContent::version).orElse(null));
        return status;
    }

    private String link() {
        return parts.linkUp().getAsBoolean() ? "up" : "down";
    }

    private Map<String, Object> content() throws IOException {
        Optional<HeldContent> held = parts.content().get();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("refreshedAt", KioskJson.local(held.map(HeldContent::receivedAt)).orElse(null));
        answer.put("link", link());
        // The hub's document as it came: the kiosk decodes it with the same codec.
        answer.put("content", held.isEmpty() ? null : KioskJson.JSON.readTree(held.get().raw()));
        return answer;
    }

    private Map<String, Object> badgeReads(URI uri) throws BadRequest {
        long after = 0;
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            if (!query.matches("after=\\d{1,18}")) {
                throw new BadRequest("Requête invalide : seul le paramètre after=N (entier) est accepté.");
            }
            after = Long.parseLong(query.substring("after=".length()));
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (BadgeReads.Read read : parts.reads().after(after)) {
            items.add(Map.of("seq", read.seq(), "read", read.id().toString(), "at", KioskJson.local(read.at())));
        }
        return Map.of("items", items, "last", parts.reads().lastSeq());
    }

    private Map<String, Object> ticket(byte[] bytes) throws BadRequest {
        StrictObject body = KioskJson.body(bytes);
        try {
            String topic = body.text("topic");
            body.finish();
            Map<String, Object> answer = tickets.take(topic);
            ticketsTaken.incrementAndGet();
            return answer;
        } catch (FieldException e) {
            throw KioskJson.invalid(e);
        }
    }

    private Reply maintenance(byte[] bytes) throws BadRequest {
        StrictObject body = KioskJson.body(bytes);
        try {
            java.util.UUID read = KioskJson.uuid("read", body.text("read"));
            String pin = body.text("pin");
            body.finish();
            MaintenanceGate.Outcome outcome = parts.gate().attempt(parts.reads().badgeOf(read), pin);
            return switch (outcome) {
                case OPENED -> new Reply(200, Map.of("ok", true));
                case LOCKED -> new Reply(403, error("locked", "Trop d'essais : réessayez dans une minute."));
                case REFUSED -> new Reply(403, error("refused", "Badge technicien ou code incorrect."));
            };
        } catch (FieldException e) {
            throw KioskJson.invalid(e);
        }
    }

    private static Map<String, Object> error(String code, String message) {
        return Map.of("error", code, "message", message);
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = KioskJson.JSON.writeValueAsBytes(reply.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** For the node's telemetry. */
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("kioskBadRequests", badRequests.get());
        metrics.put("kioskUnauthorized", unauthorized.get());
        metrics.put("kioskTickets", ticketsTaken.get());
        return metrics;
    }

    public long badRequests() {
        return badRequests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

}
