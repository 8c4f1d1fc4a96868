package fr.relais.hub.ingest;

import fr.relais.protocol.InvalidMessageException;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Topic;
import java.time.Clock;
import java.util.concurrent.BlockingQueue;

/**
 * Reads each message off the broker into a {@link Received}: decoded, or refused with the
 * field and the reason. {@link #accept} runs on the MQTT client's thread and only queues the
 * message, decoded later by the writer; when the writer falls behind and the queue is full, it
 * blocks, which stops reading from the broker instead of dropping.
 */
public final class Ingestor {
    private final MessageCodec codec = new MessageCodec();
    private final BlockingQueue<Delivery> queue;
    private final IngestStats stats;
    private final Clock clock;
    /**
     * Topics already parsed, by their text: a node sends on the same few topics all day, and
     * parsing one (levels, ids) was a tenth of the writer's time. Used by the writer thread only.
     */
    private final java.util.Map<String, Topic> parsed = new java.util.HashMap<>();
    private static final int MAX_PARSED = 10_000;

    public Ingestor(BlockingQueue<Delivery> queue, IngestStats stats, Clock clock) {
        this.queue = queue;
        this.stats = stats;
        this.clock = clock;
    }

    /** @param acknowledge called once the message is stored, to acknowledge it to the broker */
    public void accept(String topicPath, byte[] payload, Runnable acknowledge) throws InterruptedException {
        stats.received();
        long receivedAt = clock.millis();
        queue.put(Delivery.undecoded(() -> read(topicPath, payload, receivedAt), acknowledge));
    }

    Received read(String topicPath, byte[] payload, long receivedAt) {
        Topic topic = topicPath == null ? null : parsed.get(topicPath);
        if (topic == null) {
            try {
                topic = Topic.parse(topicPath);
            } catch (InvalidMessageException e) {
                return new Received.Invalid(String.valueOf(topicPath), payload, e.field(), e.reason(), receivedAt);
            }
            if (parsed.size() >= MAX_PARSED) {
                parsed.clear(); // a bound, not an eviction policy: refilled in one pass over the fleet
            }
            parsed.put(topicPath, topic);
        }
        if (topic.kind() == Topic.Kind.COMMAND || topic.kind() == Topic.Kind.HUB_STATE) {
            return new Received.Invalid(topicPath, payload, "topic", "the hub does not ingest its own "
                    + (topic.kind() == Topic.Kind.COMMAND ? "commands" : "state"), receivedAt);
        }
        try {
            Message message = codec.decode(topic, payload);
            return new Received.Valid(topic, message, payload, receivedAt);
        } catch (InvalidMessageException e) {
            return new Received.Invalid(topicPath, payload, e.field(), e.reason(), receivedAt);
        } catch (RuntimeException e) {
            // Whatever the input, ingestion goes on; the payload is kept for a developer to look at.
            return new Received.Invalid(topicPath, payload, "payload", "unreadable: " + e, receivedAt);
        }
    }
}
