package fr.relais.hub.ingest;

import io.vertx.mqtt.MqttClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stopping hub leaving its share group ({@link HubLink#close}): it unsubscribes, so that the
 * broker sends the new messages to the other hubs, then takes in and stores what the broker had
 * already queued for it, until nothing has come for a moment and everything is acknowledged.
 */
final class GroupExit {
    private static final Logger LOG = LoggerFactory.getLogger(GroupExit.class);
    /** How long a stopping hub waits, at most, for what the broker had queued for it. */
    private static final long DRAIN_MILLIS = 15_000;
    /** No message for this long after leaving the share group: the broker has nothing more for it. */
    private static final long QUIET_MILLIS = 500;
    private static final long UNSUBSCRIBE_MILLIS = 5_000;

    private volatile long lastArrivalNanos = System.nanoTime();
    private volatile CompletableFuture<Void> unsubscribed;

    /** A message arrived, on the link's thread. */
    void arrived() {
        lastArrivalNanos = System.nanoTime();
    }

    /** The broker's UNSUBACK, or the connection gone: either way, no more waiting for it. */
    void unsubscribed() {
        CompletableFuture<Void> waiting = unsubscribed;
        if (waiting != null) {
            waiting.complete(null);
        }
    }

    /** Blocks the caller (the hub stopping) until the queued messages are in, or for at most 15 s. */
    void leave(MqttClient client, List<String> filters, Acknowledgements acknowledgements) {
        CompletableFuture<Void> waiting = new CompletableFuture<>();
        unsubscribed = waiting;
        try {
            // Everything, states included: what still arrives afterwards was queued before.
            client.unsubscribe(filters);
            waiting.get(UNSUBSCRIBE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            LOG.warn("cannot leave the share group: {}", e.toString());
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        try {
            while (System.nanoTime() < deadline && client.isConnected()
                    && (acknowledgements.unacknowledged() > 0
                    || System.nanoTime() - lastArrivalNanos < TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS))) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (acknowledgements.unacknowledged() > 0) {
            LOG.warn("stopping with {} messages not stored; the broker keeps them for this hub's next session",
                    acknowledgements.unacknowledged());
        }
    }
}
