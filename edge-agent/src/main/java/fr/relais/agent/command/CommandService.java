package fr.relais.agent.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.agent.clock.ClockWatch;
import fr.relais.agent.outbox.Lane;
import fr.relais.agent.outbox.Outbox;
import fr.relais.agent.store.CommandLog;
import fr.relais.agent.store.StorageException;
import fr.relais.agent.uplink.DirectPublisher;
import fr.relais.agent.uplink.Envelopes;
import fr.relais.protocol.Command;
import fr.relais.protocol.InvalidMessageException;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Reply;
import fr.relais.protocol.ReplyStatus;
import fr.relais.protocol.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes the hub's commands, one at a time, each request id at most once: the id is recorded
 * (and committed) before the command runs, an {@code accepted} reply goes out, then the final
 * one. A command delivered again gets its recorded reply again; one whose execution was cut by
 * a crash is answered {@code failed}, never run a second time. Replies travel through the
 * outbox's priority lane, so they survive a lost link.
 *
 * <p>When the disk refuses writes: a command that cannot be recorded is not executed (it could
 * otherwise run twice) and is answered {@code rejected} directly, without the outbox; a reply
 * that cannot be stored is kept in memory by the outbox, which stores it (with the record that
 * the command was answered) once the disk accepts writes, and is meanwhile published directly
 * so the hub learns the outcome now.
 */
public final class CommandService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandService.class);
    static final Duration KEPT_FOR = Duration.ofDays(30);

    private final String node;
    private final Supplier<Map<String, CommandHandler>> handlers;
    private final CommandLog log;
    private final Outbox outbox;
    private final Envelopes envelopes;
    private final ClockWatch clock;
    private final MessageCodec codec = new MessageCodec();
    private final ExecutorService executor;
    private final DirectPublisher direct;
    /** Final replies the disk refused so far, by request id: a redelivered command gets them again. */
    private final Map<UUID, byte[]> unstoredReplies = new ConcurrentHashMap<>();

    /**
     * @param handlers the current handlers (they follow the node's configuration)
     * @param direct   publishes a reply the disk refused, without the outbox
     */
    public CommandService(String node, Supplier<Map<String, CommandHandler>> handlers, CommandLog log, Outbox outbox,
                          Envelopes envelopes, ClockWatch clock, DirectPublisher direct) {
        this.node = node;
        this.direct = direct;
        this.handlers = handlers;
        this.log = log;
        this.outbox = outbox;
        this.envelopes = envelopes;
        this.clock = clock;
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "commands-" + node);
            thread.setDaemon(true);
            return thread;
        });
        try {
            log.prune(clock.now().minus(KEPT_FOR).toEpochMilli());
        } catch (StorageException e) {
            LOG.warn("{}: cannot prune the command log (the disk refuses writes?): {}", node, e.toString());
        }
        executor.execute(this::answerInterrupted);
    }

    /**
     * A command arrived from the broker; it is handled in order on the command thread.
     *
     * @param acknowledge tells the broker it may forget the command: called once the command is
     *                    recorded, so a crash before that gets it delivered again
     */
    public void deliver(String topic, byte[] payload, Runnable acknowledge) {
        try {
            executor.execute(() -> {
                try {
                    handle(topic, payload, acknowledge);
                } catch (RuntimeException e) {
                    LOG.error("{}: a command on {} could not be handled", node, topic, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("{}: shutting down, command on {} left for redelivery", node, topic);
        }
    }

    /** Commands cut short by a stop of the agent are answered, once: they never run again. */
    private void answerInterrupted() {
        List<CommandLog.Entry> unfinished;
        try {
            unfinished = log.unfinished();
        } catch (StorageException e) {
            LOG.error("{}: cannot read the command log: {}", node, e.toString());
            return;
        }
        for (CommandLog.Entry entry : unfinished) {
            finish(entry.requestId(), entry.name(), Outcome.failed(
                    "the agent stopped while executing it; it is not executed a second time"));
        }
    }

    void handle(String topicPath, byte[] payload, Runnable acknowledge) {
        Topic topic;
        Command command;
        try {
            topic = Topic.parse(topicPath);
            command = codec.decode(topic, payload, Command.class);
        } catch (InvalidMessageException e) {
            refuseUnreadable(topicPath, payload, e);
            acknowledge.run();
            return;
        }
        Optional<CommandLog.Entry> known;
        try {
            known = log.find(command.requestId());
            if (known.isEmpty()) {
                log.begin(command.requestId(), command.name(), clock.now().toEpochMilli());
            }
        } catch (StorageException e) {
            refuseUnrecorded(command, e);
            acknowledge.run();
            return;
        }
        if (known.isPresent()) {
            again(command, known.get());
            acknowledge.run();
            return;
        }
        acknowledge.run();
        if (command.isExpired(clock.now())) {
            finish(command.requestId(), command.name(), Outcome.rejected("expired at " + command.expiresAt().get()));
            return;
        }
        if (!handlers.get().containsKey(command.name())) {
            finish(command.requestId(), command.name(), Outcome.rejected("unknown command '" + command.name()
                    + "' (this node knows: " + String.join(", ", handlers.get().keySet()) + ")"));
            return;
        }
        synchronized (envelopes) {
            // Numbered and queued in one step: rows keep the order of their sequence numbers.
            Reply accepted = reply(command.requestId(), command.name(), new Outcome(ReplyStatus.ACCEPTED, "", Map.of()));
            store(codec.encode(accepted), accepted.envelope().seq());
        }
        finish(command.requestId(), command.name(), execute(command));
    }

    private Outcome execute(Command command) {
        CommandHandler handler = handlers.get().get(command.name());
        try {
            return handler.execute(command);
        } catch (RuntimeException e) {
            LOG.error("{}: command {} failed", node, command.name(), e);
            return Outcome.failed("the agent failed while executing it: " + e);
        }
    }

    /** A request id seen before: never executed twice. */
    private void again(Command command, CommandLog.Entry entry) {
        byte[] unstored = unstoredReplies.get(command.requestId());
        if (entry.reply().isPresent() || unstored != null) {
            LOG.info("{}: command {} ({}) delivered again; sending its reply again", node, command.name(),
                    command.requestId());
            store(entry.reply().orElse(unstored), -1);
        } else {
            finish(command.requestId(), command.name(), Outcome.failed(
                    "the agent stopped while executing it; it is not executed a second time"));
        }
    }

    /**
     * Stores the final reply and the record that the command was answered, together, and waits
     * until they are stored, or held in memory because the disk refused them: the next command
     * does not wait for the disk, and the reply is then published directly.
     */
    private void finish(UUID requestId, String name, Outcome outcome) {
        Reply reply;
        byte[] bytes;
        CompletableFuture<Void> held = new CompletableFuture<>();
        CompletableFuture<Void> stored;
        synchronized (envelopes) {
            // Numbered and queued in one step: rows keep the order of their sequence numbers.
            reply = reply(requestId, name, outcome);
            bytes = codec.encode(reply);
            byte[] recorded = bytes;
            try {
                stored = outbox.enqueue(Lane.PRIORITY, Topic.Kind.REPLY, reply.envelope().seq(), bytes,
                        connection -> CommandLog.finish(connection, requestId, recorded), () -> held.complete(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            CompletableFuture.anyOf(stored, held).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            // Left unanswered in the log: answered as interrupted at the next start.
            LOG.error("{}: the reply to {} could not be stored; sending it directly: {}", node, requestId,
                    e.getCause().toString());
            sendDirectly(bytes, requestId);
            return;
        }
        if (!stored.isDone()) {
            LOG.warn("{}: the disk refuses the reply to {} ({}); it waits in memory to be stored, and is sent"
                    + " directly meanwhile", node, requestId, reply.status());
            unstoredReplies.put(requestId, bytes);
            stored.whenComplete((ok, failure) -> unstoredReplies.remove(requestId));
            sendDirectly(bytes, requestId);
        }
    }

    /**
     * The command could not be recorded (the disk refuses writes, or the log cannot be read), so
     * it is not executed: that is how it can never run twice. The hub is told directly.
     */
    private void refuseUnrecorded(Command command, StorageException problem) {
        LOG.error("{}: command {} ({}) not executed: it cannot be recorded: {}", node, command.name(),
                command.requestId(), problem.toString());
        Reply reply = reply(command.requestId(), command.name(), Outcome.rejected(
                "not executed: the node cannot record it (its disk is full, read-only or failing);"
                        + " send it again once the node reports storageFailing false"));
        sendDirectly(codec.encode(reply), command.requestId());
    }

    private void sendDirectly(byte[] reply, UUID requestId) {
        direct.publish(Topic.Kind.REPLY, reply).exceptionally(failure -> {
            LOG.warn("{}: the reply to {} could not be sent directly either: {}", node, requestId, failure.toString());
            return null;
        });
    }

    private Reply reply(UUID requestId, String name, Outcome outcome) {
        return new Reply(envelopes.next(), requestId, name, outcome.status(), outcome.reason(), outcome.result());
    }

    /**
     * Stores a reply that needs no record (accepted, or sent again); if the disk refuses it, it
     * is sent directly.
     *
     * @param seq the reply's sequence number; -1 for a reply sent again, whose number is old
     */
    private void store(byte[] reply, long seq) {
        try {
            outbox.enqueue(Lane.PRIORITY, Topic.Kind.REPLY, seq, reply, Outbox.SameTransaction.NOTHING,
                    () -> direct.publish(Topic.Kind.REPLY, reply)).exceptionally(failure -> {
                        LOG.warn("{}: a reply could not be stored ({}); sending it directly", node, failure.toString());
                        direct.publish(Topic.Kind.REPLY, reply);
                        return null;
                    });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An unreadable command is answered if it says who asked (its request id); else only logged. */
    private void refuseUnreadable(String topicPath, byte[] payload, InvalidMessageException problem) {
        LOG.warn("{}: refusing an invalid command on {}: {}", node, topicPath, problem.getMessage());
        try {
            Topic topic = Topic.parse(topicPath);
            JsonNode json = new ObjectMapper().readTree(payload);
            UUID requestId = UUID.fromString(json.path("requestId").asText());
            Optional<CommandLog.Entry> known = log.find(requestId);
            if (known.isEmpty()) {
                log.begin(requestId, topic.command(), clock.now().toEpochMilli());
                finish(requestId, topic.command(), Outcome.rejected("invalid command: " + problem.getMessage()));
            } else {
                // Its reply, from the log or, while the disk refuses it, from memory.
                byte[] previous = known.get().reply().orElse(unstoredReplies.get(requestId));
                if (previous != null) {
                    store(previous, -1);
                }
            }
        } catch (Exception unanswerable) {
            LOG.debug("{}: no request id to answer: {}", node, unanswerable.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
