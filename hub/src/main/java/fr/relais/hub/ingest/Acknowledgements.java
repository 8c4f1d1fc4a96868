package fr.relais.hub.ingest;

import io.vertx.core.Context;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PUBACKs of stored messages. The writer thread commits and asks for them; they are written
 * on the link's thread, which owns the connection: gathered here, sent by one task for many, or
 * before the next message is read while messages keep coming, so that they leave with the read's
 * own flush rather than one system call each.
 *
 * <p>A message from a connection that has gone cannot be acknowledged any more: the broker sends
 * it again on the next connection, where the hub stores it once more (the message id is the key)
 * and acknowledges that delivery.
 */
final class Acknowledgements {
    private static final Logger LOG = LoggerFactory.getLogger(Acknowledgements.class);

    private final Context context;
    private final ConcurrentLinkedQueue<MqttPublishMessage> stored = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Received at QoS 1 and not yet acknowledged (or given up). */
    private final AtomicInteger unacknowledged = new AtomicInteger();

    Acknowledgements(Context context) {
        this.context = context;
    }

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

    /** The message is stored: from any thread. */
    void later(MqttPublishMessage message) {
        stored.add(message);
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(ignored -> sendWaiting());
        }
    }

    /** On the link's thread: writes the PUBACKs of the messages stored so far. */
    void sendWaiting() {
        scheduled.set(false);
        MqttPublishMessage message;
        while ((message = stored.poll()) != null) {
            unacknowledged.decrementAndGet();
            try {
                message.ack();
            } catch (RuntimeException e) {
                // Its connection is gone (the client has no socket any more): delivered again.
                LOG.debug("message {} not acknowledged, its connection is gone: {}", message.messageId(), e.toString());
            }
        }
    }
}
