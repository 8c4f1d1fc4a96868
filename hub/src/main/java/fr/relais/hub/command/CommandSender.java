package fr.relais.hub.command;

import fr.relais.hub.db.JsonTexts;
import fr.relais.hub.ingest.HubLink;
import fr.relais.hub.ingest.NotSentException;
import fr.relais.hub.registry.CommandStatus;
import fr.relais.hub.registry.RegistryReader;
import fr.relais.hub.registry.Views;
import fr.relais.protocol.Command;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.Topic;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a technician's command to a node: records it, publishes it at QoS 1 and notes when the
 * broker has it. What the node answers arrives through ingestion; timeouts are
 * {@link CommandTimeouts}' business.
 *
 * <p>The row is written before the message is published, so that a reply can never arrive for
 * a command the hub does not know yet. The row keeps the arguments with their passwords masked
 * ({@link RecordedArgs}); the published command carries them whole.
 */
public final class CommandSender {
    private static final Logger LOG = LoggerFactory.getLogger(CommandSender.class);

    private final RegistryReader registry;
    private final CommandStore store;
    private final HubLink link;
    private final Executor background;
    private final Clock clock;
    private final MessageCodec codec = new MessageCodec();

    /**
     * @param background where the broker's acknowledgements are written down: off the MQTT link's
     *                   thread, which must keep reading messages while the database is busy
     */
    public CommandSender(RegistryReader registry, CommandStore store, HubLink link, Executor background, Clock clock) {
        this.registry = registry;
        this.store = store;
        this.link = link;
        this.background = background;
        this.clock = clock;
    }

    /**
     * Records and publishes a command; returns it as stored once handed to the MQTT client.
     * Blocks on the database: call it off the event loop.
     */
    public Views.Command send(CommandRequest request) throws UnknownNodeException, BrokerUnavailableException {
        Views.Node node = registry.node(request.node()).orElseThrow(() -> new UnknownNodeException(request.node()));
        if (!link.isConnected()) {
            throw new BrokerUnavailableException();
        }
        UUID id = MessageIds.next();
        Instant now = Instant.ofEpochMilli(clock.millis());
        Command command = request.command(id, now);
        long deadline = command.expiresAt().orElseThrow().toEpochMilli();
        String recordedArgs = JsonTexts.write(RecordedArgs.of(command.name(), command.args()));
        store.create(new Views.Command(id.toString(), node.id(), node.site(), command.name(), recordedArgs,
                CommandStatus.PENDING.wire(), now.toEpochMilli(), null, null, null, deadline, null, null, null));
        String topic = Topic.command(node.site(), node.id(), command.name()).path();
        byte[] payload = codec.encode(command);
        try {
            follow(id, topic, payload, deadline, link.publish(topic, payload));
        } catch (NotSentException e) {
            LOG.warn("command {} ({} on {}) not sent: {}", id, command.name(), node.id(), e.getMessage());
            store.notSent(id, "not sent: " + e.getMessage(), clock.millis());
        }
        return registry.command(id).orElseThrow();
    }

    private void follow(UUID id, String topic, byte[] payload, long deadline, CompletableFuture<Void> publication) {
        publication.handleAsync((acknowledged, failure) -> {
            acknowledged(id, topic, payload, deadline, failure);
            return null;
        }, background);
    }

    private void acknowledged(UUID id, String topic, byte[] payload, long deadline, Throwable failure) {
        if (failure != null) {
            // The connection went before the PUBACK: the broker may or may not have it, and the
            // MQTT client does not send it again by itself. Sent again once the link is back,
            // under the same request id: an agent runs a request once, however often it gets it.
            LOG.warn("command {} not acknowledged by the broker: {}; sent again once connected", id,
                    failure.toString());
            link.whenConnected(() -> background.execute(() -> resend(id, topic, payload, deadline)));
            return;
        }
        try {
            store.sent(id, clock.millis());
        } catch (RuntimeException e) {
            LOG.error("cannot record that the broker took command {}", id, e);
        }
    }

    private void resend(UUID id, String topic, byte[] payload, long deadline) {
        if (clock.millis() >= deadline) {
            LOG.info("command {} not sent again: its deadline has passed (timed out)", id);
            return;
        }
        try {
            follow(id, topic, payload, deadline, link.publish(topic, payload));
            LOG.info("command {} sent again after the broker connection came back", id);
        } catch (NotSentException e) {
            if (link.isConnected()) {
                // Connected, yet refused (too many publications in flight): trying again at once
                // would spin; the node may have had the first one, and the deadline will tell.
                LOG.warn("command {} not sent again: {}; its reply or its deadline will tell", id, e.getMessage());
                return;
            }
            // The link went again meanwhile: the next connection tries again.
            LOG.warn("command {} not sent again yet: {}", id, e.getMessage());
            link.whenConnected(() -> background.execute(() -> resend(id, topic, payload, deadline)));
        }
    }
}
