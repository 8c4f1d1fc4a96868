package fr.relais.agent.outbox;

/**
 * How much the outbox may hold before it evicts routine messages. The defaults keep a little
 * more than a week of a busy site's telemetry, and a million messages fit in about 300 MB.
 *
 * @param maxMessages messages in both lanes together
 * @param maxBytes    payload bytes in both lanes together
 */
public record OutboxLimits(long maxMessages, long maxBytes) {
    public static final long DEFAULT_MAX_MESSAGES = 2_000_000;
    public static final long DEFAULT_MAX_BYTES = 600L * 1024 * 1024;

    public OutboxLimits {
        if (maxMessages < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("outbox limits must be positive");
        }
    }

    public static OutboxLimits defaults() {
        return new OutboxLimits(DEFAULT_MAX_MESSAGES, DEFAULT_MAX_BYTES);
    }
}
