package fr.relais.hub;

import fr.relais.hub.api.ApiServer;
import fr.relais.hub.api.IngestStatus;
import fr.relais.hub.auth.Auth;
import fr.relais.hub.command.CommandSender;
import fr.relais.hub.command.CommandTimeouts;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.ingest.HubLink;
import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.ingest.IngestWriter;
import fr.relais.hub.ingest.Ingestor;
import fr.relais.hub.ingest.Delivery;
import fr.relais.hub.store.CommandStore;
import fr.relais.hub.store.Database;
import fr.relais.hub.store.RegistryReader;
import fr.relais.hub.store.RegistryWriter;
import fr.relais.hub.store.StoredTotals;
import fr.relais.protocol.MessageIds;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
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

    private Hub(Database database, Vertx vertx, HttpServer http, HubLink link, IngestWriter writer,
                Thread writerThread) {
        this.database = database;
        this.vertx = vertx;
        this.http = http;
        this.link = link;
        this.writer = writer;
        this.writerThread = writerThread;
    }

    /** Starts the hub; returns once the database is ready and HTTP is listening. */
    public static Hub start(HubConfig config) throws Exception {
        Database database = Database.open(config.databaseUrl());
        IngestStats stats = new IngestStats();
        BlockingQueue<Delivery> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        StoredTotals totals = new StoredTotals();
        IngestWriter writer = new IngestWriter(queue, new RegistryWriter(database, stats, totals), stats,
                IngestWriter.DEFAULT_BATCH_SIZE);
        Thread writerThread = new Thread(writer, "hub-ingest-writer");
        writerThread.start();
        String session = MessageIds.next().toString();
        HubLink link = new HubLink(config.mqtt(), new Ingestor(queue, stats, Clock.systemUTC()), Clock.systemUTC(),
                session);
        RegistryReader reader = new RegistryReader(database);
        Vertx vertx = Vertx.vertx();
        CommandStore commands = new CommandStore(database);
        CommandSender sender = new CommandSender(reader, commands, link, onWorker(vertx), Clock.systemUTC());
        Auth auth;
        try {
            auth = Auth.start(vertx, database, config.auth(), Clock.systemUTC(), System.out);
        } catch (RuntimeException e) {
            vertx.close();
            writer.stop();
            database.close();
            throw e;
        }
        ApiServer api = new ApiServer(vertx, reader,
                () -> new IngestStatus(stats.snapshot(), totals.snapshot(), link.isConnected(), queue.size()), sender,
                auth);
        new CommandTimeouts(commands, Clock.systemUTC()).start(vertx, CommandTimeouts.DEFAULT_PERIOD);
        HttpServer http;
        try {
            http = api.listen(config.httpHost(), config.httpPort()).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            writer.stop();
            database.close();
            throw new IllegalStateException("cannot serve HTTP on " + config.httpHost() + ":" + config.httpPort()
                    + ": " + e.getMessage(), e);
        }
        link.start();
        LOG.info("hub serving on http://{}:{}/ with database {}", config.httpHost(), http.actualPort(),
                Database.describe(config.databaseUrl()));
        return new Hub(database, vertx, http, link, writer, writerThread);
    }

    /** Runs database work handed over by other threads (Paho's) on Vert.x's worker pool. */
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

    /** Stops taking messages, writes what is queued, then closes everything. */
    @Override
    public void close() {
        link.close();
        writer.stop();
        try {
            writerThread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Vert.x did not close cleanly: {}", e.toString());
        }
        database.close();
    }
}
