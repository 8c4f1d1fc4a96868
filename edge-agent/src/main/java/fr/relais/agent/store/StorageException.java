package fr.relais.agent.store;

/** The agent's SQLite file could not be opened, migrated or written. */
public final class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
