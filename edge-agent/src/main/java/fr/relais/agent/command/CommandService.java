package fr.relais.agent.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.agent.clock.ClockWatch;
import fr.relais.agent.outbox.Lane;
import fr.relais.agent.outbox.Outbox;
import fr.relais.agent.store.CommandLog;
import fr.relais.agent.uplink.Envelopes;
import fr.relais.protocol.Command;
import fr.relais.protocol.InvalidMessageException;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Reply;
import fr.relais.protocol.ReplyStatus;
import fr.relais.protocol.Topic;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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

    /** @param handlers the current handlers (they follow the node's configuration) */
    public CommandService(String node, Supplier<Map<String, CommandHandler>> handlers, CommandLog log, Outbox outbox,
                          Envelopes envelopes, ClockWatch clock) {
        this.node = node;
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
        log.prune(clock.now().minus(KEPT_FOR).toEpochMilli());
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
        for (CommandLog.Entry entry : log.unfinished()) {
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
        Optional<CommandLog.Entry> known = log.find(command.requestId());
        if (known.isPresent()) {
            again(command, known.get());
            acknowledge.run();
            return;
        }
        log.begin(command.requestId(), command.name(), clock.now().toEpochMilli());
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
        Reply accepted = reply(command.requestId(), command.name(), new Outcome(ReplyStatus.ACCEPTED, "", Map.of()));
        store(codec.encode(accepted), accepted.envelope().seq());
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
        if (entry.reply().isPresent()) {
            LOG.info("{}: command {} ({}) delivered again; sending its reply again", node, command.name(),
                    command.requestId());
            store(entry.reply().get(), -1);
        } else {
            finish(command.requestId(), command.name(), Outcome.failed(
                    "the agent stopped while executing it; it is not executed a second time"));
        }
    }

    /** Stores the final reply and the record that the command was answered, together. */
    private void finish(UUID requestId, String name, Outcome outcome) {
        Reply reply = reply(requestId, name, outcome);
        byte[] bytes = codec.encode(reply);
        try {
            outbox.enqueue(Lane.PRIORITY, Topic.Kind.REPLY, reply.envelope().seq(), bytes,
                    connection -> CommandLog.finish(connection, requestId, bytes)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // Left unanswered in the log: answered as interrupted at the next start.
            LOG.error("{}: the reply to {} could not be stored", node, requestId, e.getCause());
        }
    }

    private Reply reply(UUID requestId, String name, Outcome outcome) {
        return new Reply(envelopes.next(), requestId, name, outcome.status(), outcome.reason(), outcome.result());
    }

    /** @param seq the reply's sequence number; -1 for a reply sent again, whose number is old */
    private void store(byte[] reply, long seq) {
        try {
            outbox.enqueue(Lane.PRIORITY, Topic.Kind.REPLY, seq, reply);
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
            } else if (known.get().reply().isPresent()) {
                store(known.get().reply().get(), -1);
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
