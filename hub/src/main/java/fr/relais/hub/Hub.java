package fr.relais.hub;

import fr.relais.hub.access.AccessChanges;
import fr.relais.hub.access.AccessListRows;
import fr.relais.hub.access.AccessLists;
import fr.relais.hub.access.AccessSigningKey;
import fr.relais.hub.alert.AlertEvaluator;
import fr.relais.hub.alert.AlertRoutes;
import fr.relais.hub.alert.AlertRules;
import fr.relais.hub.alert.AlertRulesLoader;
import fr.relais.hub.alert.AlertService;
import fr.relais.hub.alert.AlertStore;
import fr.relais.hub.alert.HubStorage;
import fr.relais.hub.api.ApiServer;
import fr.relais.hub.api.IngestStatus;
import fr.relais.hub.appointment.AppointmentActions;
import fr.relais.hub.appointment.RoomParts;
import fr.relais.hub.appointment.SlotParts;
import fr.relais.hub.auth.Auth;
import fr.relais.hub.command.CommandSender;
import fr.relais.hub.command.CommandStore;
import fr.relais.hub.command.CommandTimeouts;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.connectivity.ConnectivityRollup;
import fr.relais.hub.connectivity.ConnectivityRoutes;
import fr.relais.hub.content.ContentParts;
import fr.relais.hub.content.CoworkingCheckin;
import fr.relais.hub.content.KioskActions;
import fr.relais.hub.content.PlaceContentPublisher;
import fr.relais.hub.cowork.AccessEvents;
import fr.relais.hub.cowork.BadgeKeys;
import fr.relais.hub.cowork.CoworkingApi;
import fr.relais.hub.cowork.ExampleCoworking;
import fr.relais.hub.cowork.StoreGrants;
import fr.relais.hub.db.Database;
import fr.relais.hub.demo.ExampleHistory;
import fr.relais.hub.history.EventReader;
import fr.relais.hub.history.EventRoutes;
import fr.relais.hub.ingest.DeadLetterReplay;
import fr.relais.hub.ingest.Delivery;
import fr.relais.hub.ingest.HubLink;
import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.ingest.Ingestor;
import fr.relais.hub.ingest.write.BatchChanges;
import fr.relais.hub.ingest.write.GuardCounters;
import fr.relais.hub.ingest.write.IngestWriter;
import fr.relais.hub.ingest.write.RegistryWriter;
import fr.relais.hub.ingest.write.StoredEvents;
import fr.relais.hub.ingest.write.StoredTotals;
import fr.relais.hub.live.LiveFeed;
import fr.relais.hub.live.LiveRoutes;
import fr.relais.hub.live.LiveSources;
import fr.relais.hub.live.PlaceEvents;
import fr.relais.hub.live.PlaceWrites;
import fr.relais.hub.metrics.HubMetrics;
import fr.relais.hub.notify.Notifications;
import fr.relais.hub.occupancy.OccupancyRollup;
import fr.relais.hub.occupancy.OccupancyRoutes;
import fr.relais.hub.place.PlaceParts;
import fr.relais.hub.place.PlaceSql;
import fr.relais.hub.place.PlacesApi;
import fr.relais.hub.queue.QueueParts;
import fr.relais.hub.queue.QueueRoutes;
import fr.relais.hub.queue.QueueStore;
import fr.relais.hub.queue.TicketTaken;
import fr.relais.hub.registry.NodeSilence;
import fr.relais.hub.registry.RegistryReader;
import fr.relais.hub.registry.SiteNames;
import fr.relais.hub.rollup.Housekeeping;
import fr.relais.hub.rollup.RollupJob;
import fr.relais.hub.telemetry.TelemetryReader;
import fr.relais.hub.territory.TerritoryRoutes;
import fr.relais.hub.territory.TerritoryView;
import fr.relais.hub.van.ExampleTerritory;
import fr.relais.hub.van.VanApi;
import fr.relais.hub.van.VanParts;
import fr.relais.hub.workshop.BookingsApi;
import fr.relais.hub.workshop.ExampleWorkshops;
import fr.relais.hub.workshop.WorkshopActions;
import fr.relais.hub.workshop.WorkshopParts;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.access.AccessListSigner;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The hub's wiring: database, ingestion, MQTT session, commands and HTTP server. */
public final class Hub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);
    /** Messages decoded but not yet written; when full, reading from the broker pauses. */
    static final int QUEUE_CAPACITY = 20_000;

    private final Database database;
    private final Vertx vertx;
    private final HttpServer http;
    private final HubLink link;
    private final IngestWriter writer;
    private final Thread writerThread;
    private final HubMetrics metrics;
    private final Notifications notifications;
    private final AccessLists accessLists;
    private final PlaceContentPublisher content;

    private Hub(Database database, Vertx vertx, HttpServer http, HubLink link, IngestWriter writer,
                Thread writerThread, HubMetrics metrics, Notifications notifications, AccessLists accessLists,
                PlaceContentPublisher content) {
        this.accessLists = accessLists;
        this.content = content;
        this.database = database;
        this.vertx = vertx;
        this.http = http;
        this.link = link;
        this.writer = writer;
        this.writerThread = writerThread;
        this.metrics = metrics;
        this.notifications = notifications;
    }

    /** Starts the hub; returns once the database is ready and HTTP is listening. */
    public static Hub start(HubConfig config) throws Exception {
        return start(config, Clock.systemUTC());
    }

    /**
     * @param coworkingClock the coworking routes' clock (unknown reads' 5 minutes, automatic
     *                       check-out): tests move it; the rest of the hub keeps the system's
     */
    public static Hub start(HubConfig config, Clock coworkingClock) throws Exception {
        // A bad rule file stops the hub before anything is opened, with the rule and the field.
        AlertRules alertRules = new AlertRulesLoader(System.getenv()).load(config.alertRules());
        // So does an unreadable signing key for the doors' lists (none configured: lists are off).
        Optional<AccessListSigner> accessKey = AccessSigningKey.load(config.accessSigningKey());
        Database database = Database.open(config.databaseUrl());
        IngestStats stats = new IngestStats();
        BlockingQueue<Delivery> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        StoredTotals totals = new StoredTotals();
        HubMetrics metrics = new HubMetrics(stats, totals, queue::size, QUEUE_CAPACITY);
        GuardCounters guards = new GuardCounters();
        metrics.guards(totals, guards);
        String session = MessageIds.next().toString();
        Ingestor ingestor = new Ingestor(queue, stats, Clock.systemUTC());
        HubLink link = new HubLink(config.mqtt(), ingestor, Clock.systemUTC(), session);
        metrics.mqttConnected(link::isConnected);
        // Every committed change of the coworking data (API, pack days counted at ingestion) makes
        // a new signed version of the site's list; publishing waits for the broker session.
        AccessLists accessLists = AccessLists.start(accessKey, StoreGrants.of(database.coworking()),
                new AccessListRows(database), link::publish, Clock.systemUTC());
        metrics.bind(accessLists.metrics());
        AccessChanges accessChanges = accessLists;
        if (config.exampleContent()) {
            // The example territory (communes, places' hours, the van's tour), workshops and slots: said so everywhere.
            ExampleTerritory.loadIfEmpty(database, Clock.systemUTC());
            ExampleWorkshops.loadIfEmpty(database, Clock.systemUTC());
            ExampleCoworking.loadIfEmpty(database, Clock.systemUTC());
        }
        // The hub's public address is known once it listens (port 0 in tests): read when needed.
        AtomicReference<String> publicUrl = new AtomicReference<>(config.publicUrl(config.httpPort()));
        PlaceParts placeParts = new PlaceParts(database);
        VanParts vanParts = new VanParts(database, publicUrl::get);
        WorkshopParts workshopParts = new WorkshopParts(database);
        SlotParts slotParts = new SlotParts(database);
        RoomParts roomParts = new RoomParts(database);
        QueueStore queueStore = new QueueStore(database.coworking());
        QueueParts queueParts = new QueueParts(queueStore);
        PlaceContentPublisher content = new PlaceContentPublisher(ContentParts.of(placeParts::place)
                .withHours(placeParts::hours).withVan(vanParts::van).withWorkshops(workshopParts::workshops)
                .withSlots(slotParts::slots).withRooms(roomParts::rooms).withQueue(queueParts::queue)
                .withExample(placeParts::example),
                database.coworking(), PlaceContentPublisher.Link.of(link), Clock.systemUTC());
        KioskActions kioskActions = new KioskActions(content).register(new TicketTaken()).register(new CoworkingCheckin())
                // A room booked at the kiosk lets its member through the room's door: a new list.
                .alsoAfter(fr.relais.protocol.content.KioskActions.ROOM_BOOK, accessChanges::changed);
        WorkshopActions.handlers().forEach(kioskActions::register);
        AppointmentActions.handlers().forEach(kioskActions::register);
        RegistryWriter registryWriter = new RegistryWriter(database, stats, totals, config.limits(), guards)
                .storedEvents(StoredEvents.all(new AccessEvents(accessChanges), kioskActions));
        IngestWriter writer = new IngestWriter(queue, registryWriter, stats, IngestWriter.DEFAULT_BATCH_SIZE, metrics);
        Thread writerThread = new Thread(writer, "hub-ingest-writer");
        writerThread.start();
        RegistryReader reader = new RegistryReader(database, new NodeSilence(config.nodeSilence(), Clock.systemUTC()));
        Vertx vertx = Vertx.vertx();
        AlertStore alertStore = new AlertStore(database);
        // Read at each scrape, on a worker thread: /metrics runs its scrape off the event loop.
        metrics.openAlerts(() -> alertStore.active().size());
        Notifications notifications = new Notifications(vertx, alertRules.notifications());
        AlertEvaluator evaluator = new AlertEvaluator(alertStore, alertRules, notifications, Clock.systemUTC(),
                config.nodeSilence(), storageOf(stats));
        evaluator.start(vertx);
        AlertService alertService = new AlertService(alertStore, Clock.systemUTC());
        AlertRoutes alerts = new AlertRoutes(vertx, alertService, reader);
        CommandStore commands = new CommandStore(database);
        CommandSender sender = new CommandSender(reader, commands, link, onWorker(vertx), Clock.systemUTC());
        Auth auth;
        try {
            auth = Auth.start(vertx, database, config.auth(), Clock.systemUTC(), System.out);
        } catch (RuntimeException e) {
            accessLists.close();
            vertx.close();
            writer.stop();
            database.close();
            throw e;
        }
        // The live channel (GET /api/live): ingestion, the alerts and the commands tell it what changed;
        // a batch with a new health, an event or a node's state also wakes the alert evaluation.
        LiveFeed live = LiveFeed.start(vertx, Clock.systemUTC(), auth::stillValid);
        LiveSources liveSources = new LiveSources(live, reader);
        // A place's data changed (a kiosk action, a write through the place APIs): its open pages read it again.
        PlaceEvents placeEvents = new PlaceEvents(live);
        kioskActions.onCarriedOut(placeEvents::kioskAction);
        registryWriter.changes(BatchChanges.all(liveSources, batch -> {
            if (batch.mayChangeAlerts()) {
                evaluator.wake();
            }
        }));
        evaluator.listener(liveSources);
        alertService.listener(liveSources);
        commands.changes(liveSources);
        auth.onLogout(live::loggedOut);
        ApiServer api = new ApiServer(vertx, reader,
                () -> new IngestStatus(stats.snapshot(), totals.snapshot(), link.isConnected(), queue.size(),
                        stats.storage()), sender,
                metrics, alerts, new TelemetryReader(database), auth,
                new DeadLetterReplay(queue, ingestor, Clock.systemUTC()), new SiteNames(database))
                // A room or a booking made through the API is on the kiosk too (its rooms), not only in the list.
                .coworking(new CoworkingApi(vertx, database, site -> {
                    accessChanges.changed(site);
                    content.changed(site);
                }, BadgeKeys.NONE, coworkingClock))
                .bookings(new BookingsApi(vertx, database, content, Clock.systemUTC()))
                .places(new PlacesApi(vertx, database, content, Clock.systemUTC()),
                        new VanApi(vertx, database, content, Clock.systemUTC(), publicUrl::get))
                .routes(new QueueRoutes(vertx, queueStore, content, Clock.systemUTC())::mount)
                // The dashboard's live channel and read models (issue 13).
                .routes(new LiveRoutes(live)::mount)
                .routes(new PlaceWrites(placeEvents)::mount)
                .routes(new TerritoryRoutes(vertx, new TerritoryView(reader, alertStore,
                        new PlaceSql(database.coworking()), Clock.systemUTC()))::mount)
                .routes(new OccupancyRoutes(vertx, database.coworking(), Clock.systemUTC())::mount)
                .routes(new ConnectivityRoutes(vertx, database, Clock.systemUTC())::mount)
                .routes(new EventRoutes(vertx, new EventReader(database))::mount);
        new CommandTimeouts(commands, Clock.systemUTC()).start(vertx, CommandTimeouts.DEFAULT_PERIOD);
        // The dashboard's read models, built after the telemetry rollups (issue 13).
        List<RollupJob> rollupJobs = new ArrayList<>();
        rollupJobs.add(new OccupancyRollup());
        rollupJobs.add(new ConnectivityRollup());
        if (config.exampleHistoryDays() > 0) {
            // Simulated history before this first start (or the first one recorded), seeded a day at a time.
            rollupJobs.add(new ExampleHistory(config.exampleHistoryDays(), Clock.systemUTC()));
        }
        new Housekeeping(database, config.retention(), config.limits(), totals, guards, Clock.systemUTC())
                .jobs(rollupJobs).start(vertx, Housekeeping.DEFAULT_PERIOD);
        HttpServer http;
        try {
            http = api.listen(config.httpHost(), config.httpPort()).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            accessLists.close();
            vertx.close();
            writer.stop();
            database.close();
            throw new IllegalStateException("cannot serve HTTP on " + config.httpHost() + ":" + config.httpPort()
                    + ": " + e.getMessage(), e);
        }
        publicUrl.set(config.publicUrl(http.actualPort()));
        link.start();
        // Every place's content once the broker session is up, then on each change and every 5 minutes.
        content.start();
        LOG.info("hub serving on http://{}:{}/ with database {}", config.httpHost(), http.actualPort(),
                Database.describe(config.databaseUrl()));
        return new Hub(database, vertx, http, link, writer, writerThread, metrics, notifications, accessLists, content);
    }

    /** The writer's outages as the storage alert reads them: ingest and alert do not know each other. */
    private static HubStorage storageOf(IngestStats stats) {
        return () -> {
            IngestStats.Outage outage = stats.lastOutage();
            return outage == null ? null : new HubStorage.Outage(outage.since(), outage.endedAt(), outage.error());
        };
    }

    /** Runs database work handed over by other threads (the MQTT link's, the writer's) on Vert.x's worker pool. */
    private static Executor onWorker(Vertx vertx) {
        return task -> {
            try {
                vertx.executeBlocking(() -> {
                    task.run();
                    return null;
                }).onFailure(failure -> LOG.error("background work failed", failure));
            } catch (RuntimeException e) {
                LOG.warn("background work dropped while the hub stops: {}", e.toString());
            }
        };
    }

    public int httpPort() {
        return http.actualPort();
    }

    /** The figures of {@code GET /metrics}, for wiring what starts after the hub (alerts). */
    public HubMetrics metrics() {
        return metrics;
    }

    /** Stops taking messages, writes what is queued, then closes everything. */
    @Override
    public void close() {
        // First: their threads read the database and publish through the link.
        content.close();
        accessLists.close();
        link.close();
        writer.stop();
        try {
            writerThread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        notifications.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Vert.x did not close cleanly: {}", e.toString());
        }
        database.close();
    }
}
