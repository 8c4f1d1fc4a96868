package fr.relais.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.ApiClient;
import fr.relais.hub.alert.AlertNotices;
import fr.relais.hub.alert.AlertRoutes;
import fr.relais.hub.alert.AlertRows;
import fr.relais.hub.auth.Auth;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.registry.CommandStatus;
import fr.relais.hub.registry.RegistryJson;
import fr.relais.hub.registry.Views;
import fr.relais.hub.web.ListParams;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Health;
import fr.relais.protocol.ReplyStatus;
import fr.relais.protocol.SiteKind;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/openapi.yaml} is a valid OpenAPI document, read by a real parser, and describes
 * exactly the routes the router has: a route added without its description (or removed and
 * left described) fails here with its method and path.
 */
class OpenApiDocumentTest {
    private static final String WHERE = "hub/src/main/resources/openapi.yaml";
    private static Vertx vertx;
    private static String text;
    private static OpenAPI document;
    private static Path folder;
    private static Database database;
    private static Auth auth;

    @BeforeAll
    static void read() throws Exception {
        vertx = Vertx.vertx();
        // The login routes are mounted by the real authentication, on a database of its own.
        folder = Files.createTempDirectory("relais-openapi-");
        database = Database.open(Database.sqliteUrl(folder.resolve("hub.db")));
        auth = Auth.start(vertx, database, ApiClient.AUTH, Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()));
        text = ApiServer.openApiDocument().toString(StandardCharsets.UTF_8);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text, null, options);
        assertThat(parsed.getMessages()).as("what the parser says of " + WHERE).isEmpty();
        document = parsed.getOpenAPI();
    }

    @AfterAll
    static void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        database.close();
        try (var files = Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static ApiServer server() {
        return new ApiServer(vertx, null, () -> null, null, null, new AlertRoutes(vertx, null, null), null, auth)
                .coworking(new fr.relais.hub.cowork.CoworkingApi(vertx, database,
                        fr.relais.hub.access.AccessChanges.NONE, fr.relais.hub.cowork.BadgeKeys.NONE, Clock.systemUTC()))
                .bookings(new fr.relais.hub.workshop.BookingsApi(vertx, database,
                        fr.relais.hub.content.ContentChanges.NONE, Clock.systemUTC()))
                .places(new fr.relais.hub.place.PlacesApi(vertx, database, fr.relais.hub.content.ContentChanges.NONE,
                        Clock.systemUTC()), new fr.relais.hub.van.VanApi(vertx, database,
                        fr.relais.hub.content.ContentChanges.NONE, Clock.systemUTC(), "http://127.0.0.1:8080"))
                .routes(new fr.relais.hub.queue.QueueRoutes(vertx, new fr.relais.hub.queue.QueueStore(database.coworking()),
                        fr.relais.hub.content.ContentChanges.NONE, Clock.systemUTC())::mount)
                .routes(new fr.relais.hub.territory.TerritoryRoutes(vertx, null)::mount)
                .routes(new fr.relais.hub.occupancy.OccupancyRoutes(vertx, database.coworking(), Clock.systemUTC())::mount)
                .routes(new fr.relais.hub.history.EventRoutes(vertx, null)::mount)
                .routes(new fr.relais.hub.connectivity.ConnectivityRoutes(vertx, database, Clock.systemUTC())::mount)
                .routes(new fr.relais.hub.live.LiveRoutes(fr.relais.hub.live.LiveFeed.start(vertx, Clock.systemUTC(),
                        caller -> true))::mount);
    }

    /**
     * Every route of the real router, by its path with parameters unnamed,
     * {@code "GET /api/nodes/{}/commands"}, to the path as the router has it.
     */
    private static TreeMap<String, String> mounted() {
        TreeMap<String, String> routes = new TreeMap<>();
        for (Route route : server().router().getRoutes()) {
            String path = route.getPath();
            // Handlers for every path (static files, 404s, the JSON-body check) are not routes.
            if (path == null || !route.isExactPath() || !(path.startsWith("/api/") || path.equals("/metrics"))) {
                continue;
            }
            if (route.methods() == null || route.methods().isEmpty()) {
                routes.put("ANY " + unnamed(path), "any method " + path);
            } else {
                route.methods().forEach(method -> routes.put(method.name() + " " + unnamed(path),
                        method.name() + " " + path));
            }
        }
        return routes;
    }

    private static TreeSet<String> described() {
        TreeSet<String> routes = new TreeSet<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().keySet().forEach(method ->
                routes.add(method.name() + " " + unnamed(path))));
        return routes;
    }

    /** {@code /api/nodes/:id/commands} and {@code /api/nodes/{node}/commands} are the same route. */
    private static String unnamed(String path) {
        return path.replaceAll(":[A-Za-z0-9_]+", "{}").replaceAll("\\{[^}]*}", "{}");
    }

    @Test
    void isOpenApi3() {
        assertThat(document).isNotNull();
        assertThat(document.getOpenapi()).startsWith("3.");
        assertThat(document.getInfo().getTitle()).isEqualTo("Relais hub API");
    }

    @Test
    void describesEveryMountedRoute() {
        TreeMap<String, String> missing = mounted();
        missing.keySet().removeAll(described());
        assertThat(missing.values()).as("routes mounted on the router (ApiServer.router()) but not described"
                + " in " + WHERE).isEmpty();
    }

    @Test
    void describesNoRouteThatIsNotMounted() {
        TreeSet<String> extra = described();
        extra.removeAll(mounted().keySet());
        assertThat(extra).as("routes described in " + WHERE + " but not mounted on the router (path parameters"
                + " shown as {})").isEmpty();
    }

    @Test
    void everyErrorIsTheErrorSchema() {
        List<String> wrong = new ArrayList<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            boolean hasError = false;
            for (Map.Entry<String, ApiResponse> response : operation.getResponses().entrySet()) {
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    hasError = true;
                    MediaType json = response.getValue().getContent() == null ? null
                            : response.getValue().getContent().get("application/json");
                    Schema<?> schema = json == null ? null : json.getSchema();
                    if (schema == null || schema.getRequired() == null
                            || !schema.getRequired().containsAll(List.of("status", "error"))) {
                        wrong.add(method + " " + path + " " + response.getKey());
                    }
                }
            }
            if (!hasError) {
                wrong.add(method + " " + path + " has no error response");
            }
        }));
        assertThat(wrong).as("error responses that are not JSON {status, error}").isEmpty();
    }

    @Test
    void spellsTheEnumsAsTheCodeDoes() {
        Map<String, Schema> schemas = document.getComponents().getSchemas();
        assertThat(schemas.get("SiteKind").getEnum()).isEqualTo(ListParams.wire(SiteKind.class));
        assertThat(schemas.get("DeviceKind").getEnum()).isEqualTo(ListParams.wire(DeviceKind.class));
        assertThat(schemas.get("Health").getEnum()).isEqualTo(ListParams.wire(Health.class));
        assertThat(schemas.get("CommandStatus").getEnum())
                .isEqualTo(List.of(CommandStatus.values()).stream().map(CommandStatus::wire).toList());
        assertThat(schemas.get("ReplyStatus").getEnum().stream().filter(Objects::nonNull).toList())
                .isEqualTo(ListParams.wire(ReplyStatus.class));
    }

    /** The fields the code writes are the fields the document promises, all of them required. */
    @Test
    void describesTheShapesApiJsonWrites() {
        Map<String, Object> shapes = Map.of(
                "Site", RegistryJson.site(new Views.Site("rozoy", "Rozoy", "mediation")),
                "Node", RegistryJson.node(new Views.Node("rozoy-pi", "rozoy", "online", 1L, "1.0", "v1", 1L, 0, false, "{}", 0)),
                "Device", RegistryJson.device(new Views.Device("printer-1", "rozoy-pi", "rozoy", "printer", "Imprimante",
                        false, "ok", "{}", 1L)),
                "DeadLetter", RegistryJson.deadLetter(new Views.DeadLetter("id", 1L, "t", "payload", "empty", 0, "", 1, 1L)),
                "Command", RegistryJson.command(new Views.Command("id", "rozoy-pi", "rozoy", "ping", "{}", "sent", 1L, 2L,
                        null, null, 3L, null, null, null)),
                "IngestStatus", IngestJson.ingest(new IngestStatus(new IngestStats().snapshot(),
                        new Views.Totals(0, 0, 0, 0), true, 0, new IngestStats().storage())),
                "Alert", AlertNotices.json(new AlertRows.Alert("id", "key", "toner-low", "rozoy", "rozoy-pi",
                        "printer-1", "printer", "warning", "open", false, "toner at 8 %", 1L, 2L, null, null, null,
                        null, null, null)));
        shapes.forEach((name, shape) -> {
            Schema<?> schema = document.getComponents().getSchemas().get(name);
            Set<String> written = ((JsonObject) shape).fieldNames();
            assertThat(schema.getProperties().keySet()).as("properties of " + name).isEqualTo(written);
            assertThat(schema.getRequired()).as("required of " + name).containsExactlyInAnyOrderElementsOf(written);
        });
        Schema<?> ingest = document.getComponents().getSchemas().get("IngestStatus");
        JsonObject status = IngestJson.ingest(new IngestStatus(new IngestStats().snapshot(), new Views.Totals(0, 0, 0, 0),
                true, 0, new IngestStats().storage()));
        for (String part : List.of("sinceStart", "stored", "storage")) {
            assertThat(ingest.getProperties().get(part).getProperties().keySet()).as(part)
                    .isEqualTo(status.getJsonObject(part).fieldNames());
        }
    }

    @Test
    void listsDescribeTheirPagingHeaders() {
        document.getPaths().forEach((path, item) -> {
            Operation get = item.getGet();
            if (get != null && get.getParameters() != null
                    && get.getParameters().stream().anyMatch(p -> p.getName().equals(ListParams.CURSOR))) {
                assertThat(get.getResponses().get("200").getHeaders()).as(path).containsKeys("X-Total-Count", "Link");
            }
        });
        assertThat(document.getPaths().get("/api/devices").getGet().getParameters())
                .extracting(p -> p.getName()).contains("site", "node", "kind", "health", "limit", "cursor");
    }

    @Test
    void isServedAtApiOpenapiYaml() throws Exception {
        HttpServer server = server().listen("127.0.0.1", 0)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            HttpResponse<String> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.actualPort() + "/api/openapi.yaml")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.headers().firstValue("content-type")).hasValue("application/yaml; charset=utf-8");
            assertThat(served.body()).isEqualTo(text);
        } finally {
            server.close();
        }
    }
}
