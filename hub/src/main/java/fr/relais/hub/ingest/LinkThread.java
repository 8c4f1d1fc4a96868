package fr.relais.hub.ingest;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread the hub's MQTT connection runs on: a Vert.x of its own with one event loop, apart
 * from the hub's Vert.x (HTTP, the event bus). {@link Ingestor#accept} blocks it when the
 * ingestion queue is full, which stops the reading of the socket and nothing else. The thread is
 * named {@code MQTT Link: {client id}}, like Paho's threads were: the bench (HubCpu, ThreadGroups)
 * finds it by that name.
 */
final class LinkThread implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkThread.class);
    /**
     * Vert.x warns, with a stack trace, every second once an event loop has been busy for 2 s. This
     * one waits on purpose while the writer catches up, or for as long as the database is away
     * (the writer says so itself): only a wait of a quarter of an hour is worth a line, once a minute.
     */
    private static final long BLOCKED_WARNING_MINUTES = 15;

    private final Vertx vertx;
    private final Context context;

    LinkThread(String clientId) {
        vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setBlockedThreadCheckInterval(1)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MINUTES)
                .setMaxEventLoopExecuteTime(BLOCKED_WARNING_MINUTES)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MINUTES)
                .setWarningExceptionTime(1)
                .setWarningExceptionTimeUnit(TimeUnit.DAYS));
        // Called from outside Vert.x: a new event-loop context, on the one event loop.
        context = vertx.getOrCreateContext();
        CompletableFuture<Void> named = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            Thread.currentThread().setName("MQTT Link: " + clientId);
            named.complete(null);
        });
        named.join();
    }

    Vertx vertx() {
        return vertx;
    }

    /** Where everything about the connection runs. */
    Context context() {
        return context;
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("closing the MQTT link's Vert.x: {}", e.toString());
        }
    }
}
