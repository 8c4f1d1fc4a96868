package fr.relais.hub.ingest;

import fr.relais.protocol.Message;
import fr.relais.protocol.Topic;

/** A message as it came off the broker: either read, or refused with the reason. */
public sealed interface Received {
    long receivedAt();

    /** A message that follows the contract; the payload is kept in case the registry refuses it. */
    record Valid(Topic topic, Message message, byte[] payload, long receivedAt) implements Received {
    }

    /** A message that does not; kept whole in the dead-letter table. */
    record Invalid(String topic, byte[] payload, String field, String reason, long receivedAt) implements Received {
    }

    /**
     * A dead letter given another chance ({@code POST /api/dead-letters/{id}/retry}): the message
     * as decoded now. Stored, it leaves the dead letters; refused again, it stays there once.
     */
    record Retry(DeadLetterRetry retry, Received message) implements Received {
        @Override
        public long receivedAt() {
            return message.receivedAt();
        }
    }
}
