package fr.relais.hub.api;

import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.registry.Views;

/** How ingestion is doing, for {@code GET /api/ingest}. */
public record IngestStatus(IngestStats.Snapshot sinceStart, Views.Totals stored, boolean mqttConnected, int queued,
                           IngestStats.StorageStatus storage) {
}
