package fr.relais.hub.ingest;

import io.vertx.mqtt.messages.MqttPublishMessage;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PUBACKs of stored messages, asked for by the writer thread once it has committed them. The
 * client writes a PUBACK through its connection, which hands a write from another thread over to
 * its event loop (Vert.x's outbound queue for the connection): a batch's PUBACKs, written one after
 * the other by the writer, leave the event loop together, with one flush, instead of a task and a
 * system call each, which was what a hop per PUBACK through {@code runOnContext} cost.
 *
 * <p>A message from a connection that has gone cannot be acknowledged any more: the broker sends
 * it again on the next connection, where the hub stores it once more (the message id is the key)
 * and acknowledges that delivery.
 */
final class Acknowledgements {
    private static final Logger LOG = LoggerFactory.getLogger(Acknowledgements.class);

    /** Received at QoS 1 and not yet acknowledged (or given up). */
    private final AtomicInteger unacknowledged = new AtomicInteger();

    /** A QoS 1 message is handed over for storing, on the link's thread. */
    void received() {
        unacknowledged.incrementAndGet();
    }

    /** It will never be acknowledged by this hub process (ingestion refused it); the broker keeps it. */
    void givenUp() {
        unacknowledged.decrementAndGet();
    }

    int unacknowledged() {
        return unacknowledged.get();
    }

    /** The message is stored: from any thread, once. */
    void stored(MqttPublishMessage message) {
        unacknowledged.decrementAndGet();
        try {
            message.ack();
        } catch (RuntimeException e) {
            // Its connection is gone (the client has no socket any more): delivered again.
            LOG.debug("message {} not acknowledged, its connection is gone: {}", message.messageId(), e.toString());
        }
    }
}
