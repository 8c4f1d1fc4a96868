package fr.relais.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.agent.store.AgentDatabase;
import fr.relais.agent.store.LocalState;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Event;
import fr.relais.protocol.Health;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.Reply;
import fr.relais.protocol.ReplyStatus;
import fr.relais.protocol.Severity;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir
    Path dir;

    private Outbox open(OutboxLimits limits) {
        return new Outbox(AgentDatabase.open(dir.resolve("agent.db")), limits, Clock.systemUTC(), "test");
    }

    private static byte[] payload(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(OutboxBatch batch) {
        return batch.entries().stream().map(e -> new String(e.payload(), StandardCharsets.UTF_8)).toList();
    }

    private static void storeAll(Outbox outbox, Lane lane, int from, int to) throws Exception {
        List<CompletableFuture<Void>> stored = new ArrayList<>();
        for (int i = from; i < to; i++) {
            stored.add(outbox.enqueue(lane, Topic.Kind.TELEMETRY, i, payload("m" + i)));
        }
        for (CompletableFuture<Void> future : stored) {
            future.get();
        }
    }

    @Test
    void keepsMessagesInOrderUntilAcknowledgedAndAcrossARestart() throws Exception {
        try (Outbox outbox = open(OutboxLimits.defaults())) {
            storeAll(outbox, Lane.ROUTINE, 0, 5);
            OutboxBatch batch = outbox.next(Lane.ROUTINE, 0, 10);
            assertThat(texts(batch)).containsExactly("m0", "m1", "m2", "m3", "m4");
            outbox.acknowledged(batch.entries().get(0));
            outbox.acknowledged(batch.entries().get(1));
            assertThat(texts(outbox.next(Lane.ROUTINE, 0, 10))).as("acknowledged rows are never sent again")
                    .containsExactly("m2", "m3", "m4");
        }
        try (Outbox reopened = open(OutboxLimits.defaults())) {
            assertThat(texts(reopened.next(Lane.ROUTINE, 0, 10))).containsExactly("m2", "m3", "m4");
            assertThat(reopened.stats().depth()).isEqualTo(3);
            assertThat(reopened.stats().delivered()).as("since this start").isZero();
        }
        try (LocalState state = new LocalState(AgentDatabase.open(dir.resolve("agent.db")))) {
            assertThat(state.lastSeq()).as("the sequence is stored with the messages").isEqualTo(4);
        }
    }

    @Test
    void evictsTheOldestRoutineMessagesWhenFull() throws Exception {
        try (Outbox outbox = open(new OutboxLimits(1_000, Long.MAX_VALUE))) {
            storeAll(outbox, Lane.PRIORITY, 0, 10);
            List<CompletableFuture<Void>> routineFutures = new ArrayList<>();
            for (int i = 10; i < 1_500; i++) {
                routineFutures.add(outbox.enqueue(Lane.ROUTINE, Topic.Kind.TELEMETRY, i, payload("m" + i)));
            }
            CompletableFuture.allOf(routineFutures.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get();
            assertThat(routineFutures).allSatisfy(future -> assertThat(future).isDone());
            OutboxStats stats = outbox.stats();
            assertThat(stats.depth()).isLessThanOrEqualTo(1_000);
            assertThat(stats.priorityDepth()).as("priority messages are never evicted").isEqualTo(10);
            assertThat(stats.evicted()).isEqualTo(1_500 - stats.depth());
            List<String> routine = texts(outbox.next(Lane.ROUTINE, 0, 2_000));
            assertThat(routine).as("the newest are kept").endsWith("m1499").doesNotContain("m10", "m500");
        }
        try (Outbox reopened = open(new OutboxLimits(1_000, Long.MAX_VALUE))) {
            assertThat(reopened.stats().evicted()).as("the eviction count is kept").isGreaterThanOrEqualTo(500);
        }
    }

    @Test
    void evictsByBytesToo() throws Exception {
        try (Outbox outbox = open(new OutboxLimits(1_000_000, 10_000))) {
            for (int i = 0; i < 100; i++) {
                outbox.enqueue(Lane.ROUTINE, Topic.Kind.TELEMETRY, i, new byte[1_000]).get();
            }
            assertThat(outbox.stats().bytes()).isLessThanOrEqualTo(10_000);
            assertThat(outbox.stats().evicted()).isGreaterThanOrEqualTo(90);
        }
    }

    @Test
    void refusesRoutineMessagesWhenOnlyPriorityOnesAreLeft() throws Exception {
        try (Outbox outbox = open(new OutboxLimits(1_000, Long.MAX_VALUE))) {
            storeAll(outbox, Lane.PRIORITY, 0, 1_200);
            assertThat(outbox.stats().priorityDepth()).isEqualTo(1_200);
            CompletableFuture<Void> routine = outbox.enqueue(Lane.ROUTINE, Topic.Kind.TELEMETRY, 1_200, payload("late"));
            assertThatThrownBy(routine::get).as("the producer is told").isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(OutboxFullException.class);
            assertThat(outbox.stats().evicted()).isEqualTo(1);
            assertThat(outbox.stats().priorityDepth()).isEqualTo(1_200);
        }
    }

    @Test
    void flushingTheStatisticsRestartsTheSinceFlushCounters() throws Exception {
        try (Outbox outbox = open(OutboxLimits.defaults())) {
            storeAll(outbox, Lane.ROUTINE, 0, 3);
            outbox.next(Lane.ROUTINE, 0, 10).entries().forEach(outbox::acknowledged);
            OutboxStats flushed = outbox.flushStats();
            assertThat(flushed.deliveredSinceFlush()).isEqualTo(3);
            assertThat(outbox.stats().deliveredSinceFlush()).isZero();
            assertThat(outbox.stats().delivered()).isEqualTo(3);
        }
    }

    @Test
    void alarmsAccessLogsAndRepliesTravelInThePriorityLane() {
        Envelope envelope = new Envelope(MessageIds.next(), 1, Instant.now(), ClockConfidence.SYNCED);
        assertThat(Lane.of(new Telemetry(envelope, Optional.empty(), Health.CRITICAL, Map.of())))
                .isEqualTo(Lane.ROUTINE);
        assertThat(Lane.of(event(envelope, "paper-loaded", Severity.INFO))).isEqualTo(Lane.ROUTINE);
        assertThat(Lane.of(event(envelope, "door-forced", Severity.CRITICAL))).isEqualTo(Lane.PRIORITY);
        assertThat(Lane.of(event(envelope, "paper-out", Severity.WARNING))).isEqualTo(Lane.PRIORITY);
        assertThat(Lane.of(event(envelope, "access-granted", Severity.INFO))).isEqualTo(Lane.PRIORITY);
        assertThat(Lane.of(new Reply(envelope, MessageIds.next(), "ping", ReplyStatus.OK, "", Map.of())))
                .isEqualTo(Lane.PRIORITY);
    }

    private static Event event(Envelope envelope, String type, Severity severity) {
        return new Event(envelope, Optional.empty(), type, severity, "", Map.of());
    }
}
