package fr.relais.agent.outbox;

import fr.relais.protocol.Topic;

/** A stored message waiting for the broker's acknowledgement. */
public record OutboxEntry(Lane lane, long id, Topic.Kind kind, byte[] payload) {
}
