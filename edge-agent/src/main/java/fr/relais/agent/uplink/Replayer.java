package fr.relais.agent.uplink;

import com.google.common.util.concurrent.RateLimiter;
import fr.relais.agent.outbox.Lane;
import fr.relais.agent.outbox.Outbox;
import fr.relais.agent.outbox.OutboxBatch;
import fr.relais.agent.outbox.OutboxEntry;
import fr.relais.agent.outbox.RepeatedErrors;
import fr.relais.protocol.Topic;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox while the link is up: priority lane first, each lane oldest first, paced by
 * a token bucket (messages per second) and an in-flight window (messages published and not yet
 * acknowledged). A row is deleted only once the broker acknowledged it; after a reconnect,
 * everything not yet acknowledged is sent again (the hub drops the duplicates).
 */
final class Replayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);
    private static final int READ_BATCH = 256;

    /** One connection's worth of sending state; a new connection starts from the oldest row. */
    private final class Session {
        final Semaphore window = new Semaphore(windowSize);
        long priorityCursor;
        long routineCursor;
        volatile boolean rewind;
    }

    private final String node;
    private final Outbox outbox;
    private final MqttLink link;
    private final Function<Topic.Kind, String> topics;
    private final RateLimiter rate;
    private final int windowSize;
    private final Thread thread;
    private final Object signal = new Object();
    private final RepeatedErrors errors = new RepeatedErrors(LOG);
    private volatile Session session;
    private volatile boolean running = true;

    Replayer(String node, Outbox outbox, MqttLink link, Function<Topic.Kind, String> topics, double ratePerSecond,
             int windowSize) {
        this.node = node;
        this.outbox = outbox;
        this.link = link;
        this.topics = topics;
        this.rate = RateLimiter.create(ratePerSecond);
        this.windowSize = windowSize;
        this.thread = new Thread(this::run, "replay-" + node);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void connected() {
        session = new Session();
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    void disconnected() {
        session = null;
    }

    @Override
    public void close() {
        running = false;
        session = null;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                Session current = session;
                if (current == null) {
                    synchronized (signal) {
                        signal.wait(200);
                    }
                } else if (!sendSome(current)) {
                    outbox.awaitNewRows(100);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // A failing SD card may fail every read: once a minute in the log is enough.
                errors.error(e.getClass().getName() + ":" + e.getMessage(), node + ": sending the outbox failed ("
                        + e + (e.getCause() == null ? "" : ", " + e.getCause()) + "); retrying");
                pause();
            }
        }
    }

    /** Sends one batch; false if there was nothing to send. */
    private boolean sendSome(Session current) throws InterruptedException {
        if (current.rewind) {
            current.rewind = false;
            current.priorityCursor = 0;
            current.routineCursor = 0;
            pause();
        }
        OutboxBatch batch = outbox.next(Lane.PRIORITY, current.priorityCursor, READ_BATCH);
        current.priorityCursor = batch.lastId();
        if (batch.entries().isEmpty()) {
            batch = outbox.next(Lane.ROUTINE, current.routineCursor, READ_BATCH);
            current.routineCursor = batch.lastId();
        }
        if (batch.entries().isEmpty()) {
            return false;
        }
        for (OutboxEntry entry : batch.entries()) {
            while (!current.window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (session != current) {
                    return true;
                }
            }
            if (session != current) {
                return true;
            }
            rate.acquire();
            link.publish(topics.apply(entry.kind()), entry.payload(), false).whenComplete((ok, failure) -> {
                current.window.release();
                if (failure == null) {
                    outbox.acknowledged(entry);
                } else {
                    // Not acknowledged: send it again, from the oldest row, once the link allows.
                    current.rewind = true;
                }
            });
        }
        return true;
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
