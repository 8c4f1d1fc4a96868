package fr.relais.agent.outbox;

import java.util.List;

/** Rows read from one lane, and the last id looked at (acknowledged rows are skipped, not re-read). */
public record OutboxBatch(List<OutboxEntry> entries, long lastId) {
}
