package fr.relais.hub.live;

import fr.relais.hub.alert.AlertListener;
import fr.relais.hub.alert.AlertNotices;
import fr.relais.hub.alert.AlertRows;
import fr.relais.hub.command.CommandChanges;
import fr.relais.hub.ingest.write.BatchChanges;
import fr.relais.hub.registry.RegistryJson;
import fr.relais.hub.registry.RegistryReader;
import fr.relais.hub.registry.Views;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the hub's parts say changed into the live channel's events: ingestion's batches
 * ({@code device}, {@code node}, {@code event}, and the commands that replies moved), the alerts'
 * changes ({@code alert}) and the commands' ({@code command}). Each source's thread only hands
 * over to the feed's context; the JSON is made there, and a command is read (as
 * {@code /api/commands/{id}} shows it) on a worker, in order, so that its latest state goes last.
 */
public final class LiveSources implements BatchChanges, AlertListener, CommandChanges {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSources.class);

    private final LiveFeed feed;
    private final RegistryReader registry;

    public LiveSources(LiveFeed feed, RegistryReader registry) {
        this.feed = feed;
        this.registry = registry;
    }

    @Override
    public void committed(Batch batch) {
        feed.run(() -> {
            if (!feed.heard()) {
                // No stream open nor able to resume: building the events would be work for nobody.
                if (!batch.devices().isEmpty() || !batch.nodes().isEmpty() || !batch.events().isEmpty()
                        || !batch.commands().isEmpty()) {
                    feed.unheard();
                }
                return;
            }
            for (Device device : batch.devices()) {
                feed.coalesce(device.site(), device.node(), device.device(), device(device));
            }
            for (Node node : batch.nodes()) {
                feed.append("node", node.site(), new JsonObject().put("site", node.site()).put("node", node.node())
                        .put("state", node.state()).put("birth", node.birth()).put("at", time(node.at())));
            }
            for (StoredEvent event : batch.events()) {
                feed.append("event", event.site(), new JsonObject().put("site", event.site())
                        .put("node", event.node()).put("device", event.device()).put("type", event.type())
                        .put("severity", event.severity()).put("at", time(event.receivedAt()))
                        .put("agentTs", time(event.agentTs())));
            }
            batch.commands().forEach(this::readCommand);
        });
    }

    @Override
    public void changed(AlertRows.Alert alert, Change change) {
        JsonObject data = AlertNotices.json(alert).put("change", change.wire());
        feed.publish("alert", alert.site(), data);
    }

    @Override
    public void changed(String id) {
        feed.run(() -> readCommand(id));
    }

    static JsonObject device(Device device) {
        JsonObject metrics;
        try {
            metrics = new JsonObject(device.metrics());
        } catch (RuntimeException e) {
            metrics = new JsonObject(); // the registry keeps only valid JSON: not expected
        }
        return new JsonObject().put("site", device.site()).put("node", device.node()).put("device", device.device())
                .put("health", device.health()).put("metrics", metrics).put("lastSeen", time(device.receivedAt()))
                .put("agentTs", time(device.agentTs())).put("receivedAt", time(device.receivedAt()));
    }

    /** On the feed's context: reads on a worker, in the order asked, then publishes there. */
    private void readCommand(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return;
        }
        feed.vertx().executeBlocking(() -> registry.command(uuid), true).onComplete(read -> {
            if (read.failed()) {
                LOG.warn("command {} not sent live: {}", id, read.cause().toString());
                return;
            }
            Optional<Views.Command> command = read.result();
            command.ifPresent(found -> feed.append("command", found.site(), RegistryJson.command(found)));
        });
    }

    private static String time(long epochMillis) {
        return LiveTime.iso(epochMillis);
    }
}
