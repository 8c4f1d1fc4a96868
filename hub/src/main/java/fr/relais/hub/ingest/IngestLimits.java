package fr.relais.hub.ingest;

import java.time.Duration;

/**
 * What one message, or one misbehaving node, may do to the hub's counters and storage.
 *
 * @param maxSeqJump         a sequence number more than this far from a node's numbering (ahead of
 *                           the highest or behind the lowest) starts a new numbering, counted in
 *                           {@code seqResets}, rather than counting the distance as lost messages
 * @param deadLetterRetention dead letters not received again for this long are deleted
 * @param deadLettersPerNode at most this many dead letters are kept per node (the oldest go first);
 *                           the messages whose topic names no node share one such allowance
 */
public record IngestLimits(long maxSeqJump, Duration deadLetterRetention, int deadLettersPerNode) {
    public static final long DEFAULT_MAX_SEQ_JUMP = 1_000_000;
    public static final int DEFAULT_DEAD_LETTER_DAYS = 30;
    public static final int DEFAULT_DEAD_LETTERS_PER_NODE = 1_000;
    public static final IngestLimits DEFAULT = new IngestLimits(DEFAULT_MAX_SEQ_JUMP,
            Duration.ofDays(DEFAULT_DEAD_LETTER_DAYS), DEFAULT_DEAD_LETTERS_PER_NODE);

    public IngestLimits {
        if (maxSeqJump < 1 || maxSeqJump > 1_000_000_000_000L) {
            throw new IllegalArgumentException("the largest plausible sequence jump must be between 1 and 10^12, got "
                    + maxSeqJump);
        }
        if (deadLetterRetention == null || deadLetterRetention.compareTo(Duration.ofDays(1)) < 0
                || deadLetterRetention.compareTo(Duration.ofDays(36_500)) > 0) {
            throw new IllegalArgumentException("dead letters are kept between 1 and 36500 days, got "
                    + (deadLetterRetention == null ? null : deadLetterRetention.toDays() + " days"));
        }
        if (deadLettersPerNode < 1 || deadLettersPerNode > 1_000_000) {
            throw new IllegalArgumentException("dead letters per node must be between 1 and 1000000, got "
                    + deadLettersPerNode);
        }
    }

    public static IngestLimits of(long maxSeqJump, int deadLetterDays, int deadLettersPerNode) {
        if (deadLetterDays < 1 || deadLetterDays > 36_500) {
            throw new IllegalArgumentException("dead letters are kept between 1 and 36500 days, got " + deadLetterDays);
        }
        return new IngestLimits(maxSeqJump, Duration.ofDays(deadLetterDays), deadLettersPerNode);
    }
}
