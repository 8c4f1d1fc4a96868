package fr.relais.hub.ingest.write;

import fr.relais.hub.db.WriteFault;
import fr.relais.hub.ingest.BatchListener;
import fr.relais.hub.ingest.Delivery;
import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.ingest.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: drains the queue in batches, one transaction each, and acknowledges a
 * batch to the broker only once it is committed. Why a batch failed decides what follows
 * ({@link WriteFault}): if the database refused what a message holds, the batch is written one
 * message at a time so that the bad one ends in the dead letters instead of blocking the rest;
 * if the database itself fails (unreachable, restarting, busy, full, read-only, anything not
 * known to be the message's fault), the batch is kept unacknowledged and tried again, with
 * pauses, until it is stored: never a valid message in the dead letters for a database failure.
 * Meanwhile the hub says so: {@link IngestStats#storage()}, in the log, {@code /metrics},
 * {@code /api/ingest} and the {@code hub-storage-failing} alert.
 */
public final class IngestWriter implements Runnable {
    /**
     * Up to 5 000 messages a transaction: under ./relais bench ingest the writer's CPU fell from
     * 5.6-6.0 s to 3.8-4.0 s for 400 000 messages against 1 000 (fewer commits, and each of the
     * node/time index's pages written once for more rows); 10 000 saved nothing more. The broker's
     * in-flight window for the hub (max_inflight_messages) must be as large, or it caps the batch;
     * the project's configurations make it twice as large, so the next batch arrives during a commit.
     */
    public static final int DEFAULT_BATCH_SIZE = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(IngestWriter.class);
    /**
     * The longest pause between two tries while the database fails: short enough that ingestion
     * resumes within seconds of the database coming back, long enough not to flood the log.
     */
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);
    private static final int CONFLICTS_BEFORE_BACKING_OFF = 3;
    private static final int MAX_REASON = 500;
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

    private final BlockingQueue<Delivery> queue;
    private final RegistryWriter writer;
    private final IngestStats stats;
    private final int batchSize;
    private final BatchListener listener;
    private volatile boolean running = true;

    public IngestWriter(BlockingQueue<Delivery> queue, RegistryWriter writer, IngestStats stats, int batchSize) {
        this(queue, writer, stats, batchSize, BatchListener.NONE);
    }

    /** @param listener told of every batch committed whole (not of the messages retried one by one) */
    public IngestWriter(BlockingQueue<Delivery> queue, RegistryWriter writer, IngestStats stats, int batchSize,
                        BatchListener listener) {
        this.queue = queue;
        this.writer = writer;
        this.stats = stats;
        this.batchSize = batchSize;
        this.listener = listener;
    }

    /** Asks the loop to finish what is queued and return. */
    public void stop() {
        running = false;
    }

    @Override
    public void run() {
        List<Delivery> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Delivery first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                gather(batch);
                writeWithoutLoss(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (!batch.isEmpty()) {
                    LOG.error("interrupted with {} messages not yet stored", batch.size());
                }
                return;
            }
        }
    }

    /**
     * Takes what is queued, then lingers a few milliseconds for more: a commit costs the same for
     * ten messages as for a thousand, and the nodes' and devices' last values are written once
     * per batch, so under load fewer, larger transactions keep up better. 25 ms rather than 5:
     * the writer's CPU per message fell by about a tenth under ./relais bench ingest, for 25 ms
     * more latency on a reading sent every 5 seconds.
     * At 5 000 messages a batch is written without waiting, and the broker's in-flight window
     * (5 000) is not reached before 200 000 messages a second.
     */
    private void gather(List<Delivery> batch) throws InterruptedException {
        queue.drainTo(batch, batchSize - batch.size());
        long deadline = System.nanoTime() + LINGER_NANOS;
        while (batch.size() < batchSize && System.nanoTime() < deadline) {
            Delivery next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
            queue.drainTo(batch, batchSize - batch.size());
        }
    }

    private void writeWithoutLoss(List<Delivery> batch) throws InterruptedException {
        Backoff backoff = new Backoff();
        int conflicts = 0;
        while (true) {
            try {
                long start = System.nanoTime();
                writer.write(batch.stream().map(Delivery::received).toList());
                listener.committed(batch.size(), System.nanoTime() - start);
                recovered();
                batch.forEach(IngestWriter::acknowledge);
                return;
            } catch (Exception | AssertionError batchFailure) {
                // AssertionError too: PgJDBC throws one ("getAutoCommit() should not throw") when
                // the server goes away in the middle of a batch; uncaught, it ended this thread and
                // with it all ingestion. WriteFault takes it for the storage's.
                WriteFault fault = WriteFault.of(batchFailure);
                if (fault == WriteFault.MESSAGE) {
                    LOG.warn("a batch of {} messages failed ({}); writing them one by one", batch.size(),
                            batchFailure.toString());
                    break;
                }
                if (fault == WriteFault.CONFLICT && ++conflicts < CONFLICTS_BEFORE_BACKING_OFF) {
                    // Another hub's transaction crossed this one (PostgreSQL chose this one as the
                    // deadlock victim): nothing is wrong with the messages, the batch goes again.
                    LOG.info("a batch of {} messages met another hub's transaction ({}); again",
                            batch.size(), batchFailure.toString());
                    TimeUnit.MILLISECONDS.sleep(10L * conflicts);
                    continue;
                }
                if (!waitForStorage(batch.size(), batchFailure, backoff)) {
                    return;
                }
            }
        }
        for (Delivery delivery : batch) {
            if (!writeOne(delivery.received())) {
                return;
            }
            acknowledge(delivery);
        }
    }

    /** SQLSTATE class 40, transaction rollback: a deadlock victim or a serialisation failure. */
    public static boolean isConflict(Throwable failure) {
        return WriteFault.of(failure) == WriteFault.CONFLICT;
    }

    /** Stored: the broker may forget it. A failed acknowledgement only means a redelivery. */
    private static void acknowledge(Delivery delivery) {
        try {
            delivery.acknowledge().run();
        } catch (RuntimeException e) {
            LOG.debug("acknowledgement not sent ({}); the broker will deliver it again", e.toString());
        }
    }

    /**
     * Writes one message of a batch that failed for what one of its messages holds. Only such a
     * refusal sends a valid message to the dead letters; if the database fails meanwhile, this
     * message waits for it like a batch does. False if the hub stops first (it stays unacknowledged).
     */
    private boolean writeOne(Received message) throws InterruptedException {
        Backoff backoff = new Backoff();
        Received received = message;
        while (true) {
            try {
                writer.write(List.of(received));
                recovered();
                return true;
            } catch (Exception | AssertionError failure) {
                WriteFault fault = WriteFault.of(failure);
                if (fault == WriteFault.MESSAGE && received instanceof Received.Valid valid) {
                    LOG.warn("a message on {} is refused by the database for what it holds ({}); kept as a dead letter",
                            valid.topic().path(), failure.toString());
                    received = new Received.Invalid(valid.topic().path(), valid.payload(), "payload",
                            "the database refused what it holds: " + printable(failure.getMessage()), valid.receivedAt());
                    continue;
                }
                if (fault == WriteFault.MESSAGE && received instanceof Received.Retry retry
                        && retry.message() instanceof Received.Valid valid) {
                    // A retried dead letter the database still refuses for what it holds: it stays
                    // a dead letter, once, with the new reason.
                    received = new Received.Retry(retry.retry(), new Received.Invalid(valid.topic().path(),
                            valid.payload(), "payload", "the database refused what it holds: "
                            + printable(failure.getMessage()), valid.receivedAt()));
                    continue;
                }
                if (fault == WriteFault.MESSAGE) {
                    // Even its dead letter is refused for what it holds (a topic the database cannot
                    // keep as text): retrying would stop ingestion for good. Said, not kept.
                    Received.Invalid invalid = received instanceof Received.Retry retry
                            ? (Received.Invalid) retry.message() : (Received.Invalid) received;
                    LOG.error("a message on {} ({} bytes) cannot be kept, not even as a dead letter ({}); dropped",
                            invalid.topic(), invalid.payload() == null ? 0 : invalid.payload().length,
                            failure.toString());
                    return true;
                }
                if (!waitForStorage(1, failure, backoff)) {
                    return false;
                }
            }
        }
    }

    /**
     * The database's message as a dead letter's reason: it may quote the refused value itself
     * (a NUL that PostgreSQL's text refuses, say), and a whole batch statement.
     */
    static String printable(String message) {
        String text = String.valueOf(message).codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "…";
    }

    /**
     * The database failed, not the messages: they stay unacknowledged (the broker keeps them)
     * and the same write goes again after a pause. Said in the log, the figures and the API.
     *
     * @return false if the hub is stopping: the messages are left to the broker's next delivery
     */
    private boolean waitForStorage(int waiting, Throwable failure, Backoff backoff) throws InterruptedException {
        boolean first = !stats.storage().failing();
        stats.storageFailed(failure.toString(), System.currentTimeMillis());
        long delay = backoff.next();
        if (first) {
            LOG.error("the database cannot store messages; {} kept unacknowledged (the broker keeps the rest),"
                    + " trying again until it can", waiting, failure);
        } else {
            LOG.warn("the database still cannot store messages (for {} s: {}); {} waiting, again in {} ms",
                    (System.currentTimeMillis() - stats.storage().failingSince()) / 1000, failure.toString(),
                    waiting, delay);
        }
        if (!running) {
            LOG.warn("the hub stops while the database fails: {} messages left unacknowledged, the broker will"
                    + " deliver them again", waiting);
            return false;
        }
        TimeUnit.MILLISECONDS.sleep(delay);
        return true;
    }

    private void recovered() {
        IngestStats.StorageStatus storage = stats.storage();
        if (storage.failing()) {
            long now = System.currentTimeMillis();
            stats.storageRecovered(now);
            LOG.info("the database stores messages again, after {} s of failures", (now - storage.failingSince()) / 1000);
        }
    }

    /** 100 ms, doubled at each failure, up to {@link #MAX_RETRY_DELAY}. */
    private static final class Backoff {
        private long delay = 50;

        long next() {
            delay = Math.min(delay * 2, MAX_RETRY_DELAY.toMillis());
            return delay;
        }
    }
}
