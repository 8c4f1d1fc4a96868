package fr.relais.hub.ingest;

import java.time.Clock;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands dead letters back to ingestion: each goes into the writer's queue like a message from the
 * broker, is decoded on the writer's thread by the same {@link Ingestor#read} and written by the
 * single writer in its own transactions; nothing else writes on its connection. The message counts
 * as received now: a reading retried late counts in the minute it was stored, like a replay.
 */
public final class DeadLetterReplay {
    /** How long a retry waits for room in a full queue before it is refused. */
    private static final long OFFER_SECONDS = 5;

    private final BlockingQueue<Delivery> queue;
    private final Ingestor ingestor;
    private final Clock clock;

    public DeadLetterReplay(BlockingQueue<Delivery> queue, Ingestor ingestor, Clock clock) {
        this.queue = queue;
        this.ingestor = ingestor;
        this.clock = clock;
    }

    /** Thrown when ingestion is too far behind to take a retry now. */
    public static final class Busy extends Exception {
        private static final long serialVersionUID = 1L;

        Busy() {
            super("ingestion is too far behind to take a retry now; try again later");
        }
    }

    /** Queues one dead letter's message; its outcome completes once the writer committed it. */
    public DeadLetterRetry submit(String deadLetterId, String topic, byte[] payload) throws Busy, InterruptedException {
        DeadLetterRetry retry = new DeadLetterRetry(deadLetterId);
        long at = clock.millis();
        Delivery delivery = Delivery.undecoded(() -> new Received.Retry(retry, ingestor.read(topic, payload, at)),
                retry::committed);
        if (!queue.offer(delivery, OFFER_SECONDS, TimeUnit.SECONDS)) {
            throw new Busy();
        }
        return retry;
    }
}
