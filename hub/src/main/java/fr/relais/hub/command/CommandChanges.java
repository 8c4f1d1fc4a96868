package fr.relais.hub.command;

/**
 * Told when the hub itself moves a command along (recorded, taken by the broker, not sent, timed
 * out), once the change is stored: the live channel listens. The nodes' replies come through
 * ingestion's {@code BatchChanges}. Called on the thread that stored it; returns at once.
 */
public interface CommandChanges {
    CommandChanges NONE = id -> {
    };

    /** @param id the command's id, as {@code /api/commands/{id}} takes it */
    void changed(String id);
}
