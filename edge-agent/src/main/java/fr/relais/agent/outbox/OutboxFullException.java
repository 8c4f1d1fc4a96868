package fr.relais.agent.outbox;

/** A routine message was evicted as it arrived: the outbox was full and held nothing older to evict. */
public final class OutboxFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutboxFullException(String message) {
        super(message);
    }
}
