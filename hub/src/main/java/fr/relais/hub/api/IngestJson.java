package fr.relais.hub.api;

import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.registry.Views;
import fr.relais.hub.web.ApiJson;
import io.vertx.core.json.JsonObject;

/**
 * {@code GET /api/ingest}'s answer: only the fleet's routes write it, so it lives with them rather
 * than in {@code web}, which stays below ingestion and the registry.
 */
public final class IngestJson {
    private IngestJson() {
    }

    public static JsonObject ingest(IngestStatus status) {
        IngestStats.Snapshot since = status.sinceStart();
        Views.Totals totals = status.stored();
        return new JsonObject()
                .put("mqttConnected", status.mqttConnected())
                .put("queued", status.queued())
                .put("sinceStart", new JsonObject()
                        .put("received", since.received())
                        .put("stored", since.stored())
                        .put("duplicatesDropped", since.duplicates())
                        .put("deadLetters", since.deadLetters())
                        .put("staleStates", since.staleStates())
                        .put("storageRetries", since.storageRetries()))
                .put("stored", new JsonObject()
                        .put("telemetry", totals.telemetry())
                        .put("events", totals.events())
                        .put("deadLetters", totals.deadLetters())
                        .put("seqGaps", totals.seqGaps())
                        .put("seqResets", totals.seqResets()))
                .put("storage", storage(status.storage()));
    }

    /** Whether the database stores what the hub receives; while it fails, the messages wait at the broker. */
    private static JsonObject storage(IngestStats.StorageStatus storage) {
        return new JsonObject()
                .put("failing", storage.failing())
                .put("failingSince", ApiJson.time(storage.failingSince()))
                .put("lastError", storage.lastError())
                .put("lastRecoveredAt", ApiJson.time(storage.lastRecoveredAt()))
                .put("outages", storage.outages());
    }
}
