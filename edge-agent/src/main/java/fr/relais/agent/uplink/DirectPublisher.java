package fr.relais.agent.uplink;

import fr.relais.protocol.Topic;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes a message straight to the broker, without the outbox: for what the disk refused and
 * the hub should still see (the node's own health, a command's reply). Nothing is kept: if the
 * link is down the future fails at once, and the message is not sent again.
 */
@FunctionalInterface
public interface DirectPublisher {
    DirectPublisher OFFLINE = (kind, payload) ->
            CompletableFuture.failedFuture(new IllegalStateException("not connected"));

    /** Completes once the broker acknowledged the message (QoS 1). */
    CompletableFuture<Void> publish(Topic.Kind kind, byte[] payload);
}
