package fr.relais.agent.outbox;

import fr.relais.protocol.Envelope;
import fr.relais.protocol.Event;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Reply;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.util.concurrent.CompletableFuture;

/** How the node's parts emit a message: encoded once, stored in its lane, sent when possible. */
public final class MessageEmitter {
    private final Outbox outbox;
    private final MessageCodec codec;

    public MessageEmitter(Outbox outbox, MessageCodec codec) {
        this.outbox = outbox;
        this.codec = codec;
    }

    /** Stores the message; the future completes once it is committed to the node's database. */
    public CompletableFuture<Void> emit(Message message) throws InterruptedException {
        Envelope envelope;
        Topic.Kind kind;
        if (message instanceof Telemetry telemetry) {
            envelope = telemetry.envelope();
            kind = Topic.Kind.TELEMETRY;
        } else if (message instanceof Event event) {
            envelope = event.envelope();
            kind = Topic.Kind.EVENT;
        } else if (message instanceof Reply reply) {
            envelope = reply.envelope();
            kind = Topic.Kind.REPLY;
        } else {
            throw new IllegalArgumentException("the outbox does not keep " + message.getClass().getSimpleName());
        }
        return outbox.enqueue(Lane.of(message), kind, envelope.seq(), codec.encode(message));
    }

    public Outbox outbox() {
        return outbox;
    }
}
