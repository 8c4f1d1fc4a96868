package fr.relais.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.relais.agent.disk.ScratchDisk;
import fr.relais.agent.store.AgentDatabase;
import fr.relais.protocol.Topic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox on a real full disk (a tmpfs of a few megabytes, filled up) and a real read-only
 * one (an ext4 image the kernel turns read-only, as it does with a failing SD card): routine
 * messages are refused and counted, priority ones wait in memory, producers are told, and
 * nothing a producer was told is stored is ever lost. And a message that cannot be written for
 * a reason of its own fails alone, not with the thousands committed with it.
 */
class OutboxStorageFailureTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** More than a few megabytes of messages: enough to fill whatever room SQLite's log had left. */
    private static final int ENOUGH_TO_HIT_THE_WALL = 200_000;

    @TempDir
    Path dir;

    private ScratchDisk disk;
    private Outbox outbox;

    @AfterEach
    void cleanUp() throws Exception {
        if (outbox != null) {
            outbox.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    private Outbox open(Path folder) {
        return new Outbox(AgentDatabase.open(folder.resolve("agent.db")), OutboxLimits.defaults(), Clock.systemUTC(),
                "test");
    }

    private static byte[] payload(String text) {
        return (text + " " + "x".repeat(200)).getBytes(StandardCharsets.UTF_8);
    }

    /** Stores routine messages one after the other until the disk refuses one; returns those stored. */
    private Set<String> storeUntilRefused(String prefix) throws Exception {
        Set<String> stored = new HashSet<>();
        for (int i = 0; i < ENOUGH_TO_HIT_THE_WALL; i++) {
            String text = prefix + i;
            CompletableFuture<Void> future = outbox.enqueue(Lane.ROUTINE, Topic.Kind.TELEMETRY, i, payload(text));
            try {
                future.get();
                stored.add(text);
            } catch (ExecutionException refused) {
                assertThat(refused.getCause()).as("the producer is told why").isInstanceOf(NotStoredException.class)
                        .hasMessageContaining("disk refused");
                return stored;
            }
        }
        throw new AssertionError("the full disk never refused a write");
    }

    private static Set<String> everythingIn(Outbox outbox) {
        Set<String> texts = new HashSet<>();
        for (Lane lane : Lane.values()) {
            outbox.next(lane, 0, Integer.MAX_VALUE).entries().forEach(entry ->
                    texts.add(new String(entry.payload(), StandardCharsets.UTF_8).split(" ")[0]));
        }
        return texts;
    }

    @Test
    void aFullDiskRefusesTelemetryKeepsAlarmsInMemoryAndEverythingResumesOnceThereIsRoom() throws Exception {
        disk = ScratchDisk.tmpfs(dir.resolve("sd"), 4);
        outbox = open(disk.root());
        Set<String> toldStored = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            outbox.enqueue(Lane.ROUTINE, Topic.Kind.TELEMETRY, i, payload("before-" + i)).get();
            toldStored.add("before-" + i);
        }
        // The room left is taken by another file, as the system's logs do on a Pi; the outbox
        // goes on until SQLite has used the room its files already had.
        disk.fill();
        toldStored.addAll(storeUntilRefused("full-"));

        OutboxStats.Storage failing = outbox.stats().storage();
        assertThat(failing.failing()).as("storageFailing").isTrue();
        assertThat(failing.notStored()).isPositive();
        assertThat(failing.failedWrites()).isPositive();

        AtomicInteger heldCallbacks = new AtomicInteger();
        List<CompletableFuture<Void>> alarms = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            alarms.add(outbox.enqueue(Lane.PRIORITY, Topic.Kind.EVENT, 1_000_000 + i, payload("alarm-" + i),
                    Outbox.SameTransaction.NOTHING, heldCallbacks::incrementAndGet));
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(heldCallbacks).as("producers told it waits")
                .hasValue(20));
        assertThat(alarms).as("not stored yet, not failed either").noneMatch(CompletableFuture::isDone);
        assertThat(outbox.stats().storage().held()).isEqualTo(20);
        long notStoredWhileFull = outbox.stats().storage().notStored();

        disk.free();
        // The next reading (here, one routine message) finds room, and the held alarms follow at once.
        await().atMost(PATIENCE).ignoreExceptions().until(() -> {
            outbox.enqueue(Lane.ROUTINE, Topic.Kind.TELEMETRY, 2_000_000, payload("after")).get();
            return true;
        });
        toldStored.add("after");
        CompletableFuture.allOf(alarms.toArray(CompletableFuture[]::new)).get();
        for (int i = 0; i < 20; i++) {
            toldStored.add("alarm-" + i);
        }
        OutboxStats.Storage recovered = outbox.stats().storage();
        assertThat(recovered.failing()).isFalse();
        assertThat(recovered.held()).isZero();
        assertThat(recovered.notStored()).as("alarms were never counted as lost").isEqualTo(notStoredWhileFull);
        outbox.close();

        outbox = open(disk.root());
        assertThat(everythingIn(outbox)).as("every message a producer was told is stored is there")
                .containsAll(toldStored);
        assertThat(outbox.stats().priorityDepth()).isEqualTo(20);
    }

    @Test
    void aCardTurnedReadOnlyRefusesWritesAndWhatWasStoredSurvivesTheRepair() throws Exception {
        disk = ScratchDisk.ext4(dir, 16);
        outbox = open(disk.root());
        Set<String> toldStored = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            outbox.enqueue(i % 10 == 0 ? Lane.PRIORITY : Lane.ROUTINE, Topic.Kind.TELEMETRY, i, payload("m" + i))
                    .get();
            toldStored.add("m" + i);
        }

        disk.breakIntoReadOnly();
        CompletableFuture<Void> reading = outbox.enqueue(Lane.ROUTINE, Topic.Kind.TELEMETRY, 100, payload("refused"));
        assertThatThrownBy(reading::get).hasCauseInstanceOf(NotStoredException.class);
        AtomicInteger held = new AtomicInteger();
        CompletableFuture<Void> alarm = outbox.enqueue(Lane.PRIORITY, Topic.Kind.EVENT, 101, payload("alarm"),
                Outbox.SameTransaction.NOTHING, held::incrementAndGet);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(held).hasValue(1));
        OutboxStats.Storage storage = outbox.stats().storage();
        assertThat(storage.failing()).isTrue();
        assertThat(storage.notStored()).isEqualTo(1);
        assertThat(storage.held()).isEqualTo(1);

        // Stopping with the card still read-only: the alarm held in memory is lost, and the
        // producer is told so (the README says it: memory does not survive a stop).
        outbox.close();
        outbox = null;
        assertThatThrownBy(alarm::get).hasCauseInstanceOf(NotStoredException.class)
                .hasMessageContaining("stopped before the disk accepted it");

        disk.repair();
        outbox = open(disk.root());
        assertThat(everythingIn(outbox)).as("what was stored before the card failed is all there")
                .isEqualTo(toldStored);
    }

    @Test
    void aMessageThatCannotBeWrittenFailsAloneNotWithItsWholeGroupCommit() throws Exception {
        outbox = open(dir);
        List<CompletableFuture<Void>> good = new ArrayList<>();
        CompletableFuture<Void> bad = null;
        // Held back by another connection's write lock, the writer finds them all queued and
        // commits them in as few transactions as it can, the bad one among thousands.
        AgentDatabase database = AgentDatabase.open(dir.resolve("agent.db"));
        try (Connection other = database.connect()) {
            other.setAutoCommit(false);
            other.createStatement().execute("INSERT INTO local_state (name, value) VALUES ('lock', 1)");
            for (int i = 0; i < 6_000; i++) {
                if (i == 3_000) {
                    bad = outbox.enqueue(Lane.PRIORITY, Topic.Kind.REPLY, i, payload("bad"), connection -> {
                        // A command name the schema refuses: a fault of this message only.
                        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO command_log"
                                + " (request_id, name, received_at, state) VALUES ('x', NULL, 0, 'done')")) {
                            insert.executeUpdate();
                        }
                    });
                }
                good.add(outbox.enqueue(i % 2 == 0 ? Lane.PRIORITY : Lane.ROUTINE, Topic.Kind.TELEMETRY, i,
                        payload("good-" + i)));
            }
            other.rollback();
        }
        CompletableFuture<Void> refused = bad;
        assertThatThrownBy(refused::get).hasCauseInstanceOf(NotStoredException.class)
                .rootCause().hasMessageContaining("NOT NULL constraint failed: command_log.name");
        CompletableFuture.allOf(good.toArray(CompletableFuture[]::new)).get();
        OutboxStats stats = outbox.stats();
        assertThat(stats.depth()).as("the 6 000 others are stored").isEqualTo(6_000);
        assertThat(stats.storage().notStored()).isEqualTo(1);
        assertThat(stats.storage().failing()).as("the disk is fine").isFalse();
        assertThat(everythingIn(outbox)).doesNotContain("bad").hasSize(6_000);
    }
}
