package fr.relais.hub.api;

import fr.relais.hub.alert.AlertRoutes;
import fr.relais.hub.auth.Auth;
import fr.relais.hub.command.CommandRoutes;
import fr.relais.hub.command.CommandSender;
import fr.relais.hub.command.OpenDoorRoutes;
import fr.relais.hub.ingest.DeadLetterReplay;
import fr.relais.hub.metrics.HubMetrics;
import fr.relais.hub.registry.RegistryReader;
import fr.relais.hub.registry.SiteNames;
import fr.relais.hub.telemetry.TelemetryReader;
import fr.relais.hub.telemetry.TelemetryRoutes;
import fr.relais.hub.web.ApiErrors;
import fr.relais.hub.web.ApiJson;
import fr.relais.hub.web.SecurityHeaders;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's HTTP side: the REST API under {@code /api}, described by
 * {@code src/main/resources/openapi.yaml} (served at {@code /api/openapi.yaml}; a route added
 * here must be added there, {@code OpenApiDocumentTest} says which), {@code /metrics} for
 * Prometheus, and the technicians' dashboard at {@code /}. Database reads run on worker
 * threads; every error is JSON with a message.
 */
public final class ApiServer {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    static final String OPENAPI_RESOURCE = "/openapi.yaml";

    private final Vertx vertx;
    private final Supplier<IngestStatus> ingestStatus;
    private final ListRoutes lists;
    private final CommandRoutes commands;
    private final HubMetrics metrics;
    private final Buffer openApi = openApiDocument();
    private final AlertRoutes alerts;
    private final TelemetryRoutes telemetry;
    private final Auth auth;
    private final DeadLetterRoutes deadLetters;
    private final SiteRoutes sites;
    private final ProbeDownloadRoutes probeDownload;
    private fr.relais.hub.cowork.CoworkingApi coworking;
    private fr.relais.hub.workshop.BookingsApi bookings;
    /** Routes of the feature packages (queue, places, van…), each mounting its own. */
    private final java.util.List<java.util.function.Consumer<Router>> features = new java.util.ArrayList<>();
    private final OpenDoorRoutes openDoor;
    private fr.relais.hub.place.PlacesApi places;
    private fr.relais.hub.van.VanApi van;

    public ApiServer(Vertx vertx, RegistryReader registry, Supplier<IngestStatus> ingestStatus,
                     CommandSender commandSender, HubMetrics metrics, AlertRoutes alerts,
                     TelemetryReader telemetryReader, Auth auth) {
        this(vertx, registry, ingestStatus, commandSender, metrics, alerts, telemetryReader, auth, null, null);
    }

    /**
     * @param replay    where retried dead letters go back into ingestion
     * @param siteNames where an administrator renames a site
     */
    public ApiServer(Vertx vertx, RegistryReader registry, Supplier<IngestStatus> ingestStatus,
                     CommandSender commandSender, HubMetrics metrics, AlertRoutes alerts,
                     TelemetryReader telemetryReader, Auth auth, DeadLetterReplay replay, SiteNames siteNames) {
        this.deadLetters = new DeadLetterRoutes(vertx, registry, replay);
        this.sites = new SiteRoutes(vertx, siteNames, Clock.systemUTC());
        this.vertx = vertx;
        this.metrics = metrics;
        this.ingestStatus = ingestStatus;
        this.lists = new ListRoutes(vertx, registry);
        this.commands = new CommandRoutes(vertx, commandSender, registry);
        this.openDoor = new OpenDoorRoutes(vertx, commandSender, registry);
        this.alerts = alerts;
        this.telemetry = new TelemetryRoutes(vertx, telemetryReader, Clock.systemUTC());
        this.auth = auth;
        this.probeDownload = new ProbeDownloadRoutes(DownloadAllowance.standard(Clock.systemUTC()));
    }

    /** Adds the coworking routes (/api/coworking); before {@link #listen}. */
    public ApiServer coworking(fr.relais.hub.cowork.CoworkingApi routes) {
        this.coworking = routes;
        return this;
    }

    /** Adds the workshops' and appointments' routes (/api/workshops, /api/appointments); before {@link #listen}. */
    public ApiServer bookings(fr.relais.hub.workshop.BookingsApi routes) {
        this.bookings = routes;
        return this;
    }

    /** Adds the places' routes (/api/places) and the van's (/api/van); before {@link #listen}. */
    public ApiServer places(fr.relais.hub.place.PlacesApi places, fr.relais.hub.van.VanApi van) {
        this.places = places;
        this.van = van;
        return this;
    }

    /**
     * Adds a feature's routes ({@code new QueueRoutes(…)::mount}), mounted with the others behind
     * the authentication handler, before the /api 404; before {@link #listen}.
     */
    public ApiServer routes(java.util.function.Consumer<Router> mount) {
        features.add(java.util.Objects.requireNonNull(mount, "mount"));
        return this;
    }

    public Future<HttpServer> listen(String host, int port) {
        // HTTP/1.1 only: a client asking to upgrade to cleartext HTTP/2 (Java's HttpClient does by
        // default) got a large answer (the OpenAPI document) in a frame it refuses. Behind TLS, a
        // proxy speaks HTTP/2 to browsers anyway.
        return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                .requestHandler(router()).listen(port, host);
    }

    Router router() {
        Router router = Router.router(vertx);
        router.route().handler(new SecurityHeaders()); // first: every answer has them, errors included
        // A body that does not say it is JSON is refused before anything reads it, login included.
        router.route("/api/*").method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH)
                .handler(ApiServer::requireJsonBody);
        router.route("/api/*").handler(ApiServer::requireDecodableQuery);
        auth.mount(router); // then: every /api route below needs credentials, but for a short public list
        router.get("/api/health").handler(this::health);
        router.get("/api/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8").end(openApi));
        // A viewer's lists hold their own site only, filtered in SQL.
        lists.mount(router);
        deadLetters.mount(router);
        sites.mount(router);
        router.get("/api/ingest").handler(ctx -> reply(ctx, () -> IngestJson.ingest(ingestStatus.get())));
        commands.mount(router);
        openDoor.mount(router);
        alerts.mount(router);
        telemetry.mount(router);
        probeDownload.mount(router);
        if (coworking != null) {
            coworking.mount(router);
        }
        if (bookings != null) {
            bookings.mount(router);
        }
        if (places != null) {
            places.mount(router);
            van.mount(router);
        }
        features.forEach(mount -> mount.accept(router));
        router.route("/api/*").handler(ctx -> ApiErrors.fail(ctx, 404, "no such API route: " + ctx.request().method()
                + " " + ctx.request().path()));
        // Prometheus scrapes with a bearer token (its authorization.credentials_file).
        router.get("/metrics").handler(auth.handler()).handler(this::metrics);
        // The dashboard's libraries (uPlot) from their WebJars, on the hub's own origin: no request leaves it,
        // and the Content-Security-Policy's 'self' covers them.
        router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars")
                .setCachingEnabled(false));
        router.route().handler(StaticHandler.create("webroot").setCachingEnabled(false));
        router.route().handler(ctx -> ApiErrors.fail(ctx, 404, "not found: " + ctx.request().path()));
        router.route().failureHandler(this::failure);
        return router;
    }

    /**
     * Public, and answered from memory: while the database fails, credentials cannot be checked
     * (they are in it), yet an uptime check still sees that the hub's storage fails, and since when.
     */
    private void health(RoutingContext ctx) {
        fr.relais.hub.ingest.IngestStats.StorageStatus storage = ingestStatus.get().storage();
        if (!storage.failing()) {
            ctx.json(new JsonObject().put("status", "ok"));
            return;
        }
        String since = java.time.Instant.ofEpochMilli(storage.failingSince()).toString();
        ctx.response().setStatusCode(503);
        ctx.json(ApiJson.error(503, "the hub's database refuses its writes since " + since
                + "; the messages wait at the broker and the hub tries again").put("since", since));
    }

    /** The API's description, {@code GET /api/openapi.yaml}: a resource of the hub's jar. */
    static Buffer openApiDocument() {
        try (InputStream document = ApiServer.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (document == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the hub's jar");
            }
            return Buffer.buffer(document.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + OPENAPI_RESOURCE, e);
        }
    }

    /** Outside {@code /api}, where Prometheus looks by default; gauges may query the database. */
    private void metrics(RoutingContext ctx) {
        vertx.executeBlocking(metrics::scrape, false).onComplete(result -> {
            if (result.succeeded()) {
                ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, HubMetrics.CONTENT_TYPE).end(result.result());
            } else {
                ctx.fail(500, result.cause());
            }
        });
    }

    /**
     * A body must say it is JSON: a form-encoded or text body (what {@code curl -d} sends by
     * default) is refused before it is read, rather than half-understood. Bodiless requests pass.
     */
    private static void requireJsonBody(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean hasBody = request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || (length != null && !length.trim().equals("0"));
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (hasBody && !mediaType.equals("application/json")) {
            ApiErrors.fail(ctx, 415, request.method() + " " + request.path() + " takes a JSON body: send it with"
                    + " 'content-type: application/json', not " + (type == null ? "without a content-type"
                    : "'" + type + "'"));
            return;
        }
        ctx.next();
    }

    /**
     * A query string with a broken %-escape is the client's mistake: a 400 here, not an
     * IllegalArgumentException out of the first route that reads a parameter, which was a 500
     * (found by HubApiFuzzTest).
     */
    private static void requireDecodableQuery(RoutingContext ctx) {
        try {
            ctx.request().params();
            ctx.queryParams();
        } catch (IllegalArgumentException e) {
            ApiErrors.fail(ctx, 400, "the query string cannot be decoded: " + e.getMessage());
            return;
        }
        ctx.next();
    }

    /** Unordered: a slow query must not hold back every other request of the same connection. */
    private void reply(RoutingContext ctx, Callable<Object> query) {
        vertx.executeBlocking(query, false).onComplete(result -> {
            if (result.succeeded()) {
                ctx.json(result.result());
            } else {
                ctx.fail(500, result.cause());
            }
        });
    }

    private void failure(RoutingContext ctx) {
        int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
        if (ctx.failure() != null) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
        }
        String message = switch (status) {
            case 404 -> "not found: " + ctx.request().path();
            case 413 -> "the request body is too large for this route";
            case 500 -> "internal error, see the hub's log";
            default -> "request failed";
        };
        ApiErrors.fail(ctx, status, message);
    }
}
