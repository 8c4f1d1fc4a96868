package fr.relais.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.disk.ScratchDisk;
import fr.relais.agent.outbox.NotStoredException;
import fr.relais.agent.uplink.NodeWatcher;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.protocol.Command;
import fr.relais.protocol.Event;
import fr.relais.protocol.Health;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.Reply;
import fr.relais.protocol.ReplyStatus;
import fr.relais.protocol.Severity;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose SD card fills up or turns read-only, as the technicians see it through a real
 * Mosquitto (a Paho client plays the hub): its health keeps arriving and says
 * {@code storageFailing}, alarms wait in memory and arrive once the card takes writes again,
 * without a restart, and commands are never executed twice nor left unanswered. The card is a
 * real filesystem (see {@link ScratchDisk}).
 */
class SdCardFailureTest {
    private static final String SITE = "rozoy";
    private static final String NODE = "rozoy-pi";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    @TempDir
    Path dir;

    private final MessageCodec codec = new MessageCodec();
    private ScratchDisk disk;
    private EdgeAgent agent;
    private NodeWatcher hub;

    @AfterEach
    void cleanUp() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (hub != null) {
            hub.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    private void start(MosquittoProcess broker, String commands) throws Exception {
        hub = new NodeWatcher(broker.url(), SITE, NODE);
        agent = EdgeAgent.start(new ConfigLoader(Map.of()).parse("""
                node: %s
                site: {id: %s, name: Tiers-lieu numérique de Rozoy-sur-Serre, kind: mediation}
                broker: {url: "%s", reconnectMinMillis: 100, reconnectMaxMillis: 500}
                storage: {file: "%s"}
                telemetry: {intervalSeconds: 1}
                clock: {source: always-synced}
                devices:
                  - {id: printer-accueil, kind: printer, name: Imprimante de l'accueil, driver: simulated}
                """.formatted(NODE, SITE, broker.url(), disk.root().resolve("agent.db")) + commands, dir), "test");
        await().atMost(PATIENCE).until(() -> agent.uplink().isOnline() && nodeHealth(false).isPresent());
    }

    /** The latest health the node published with {@code storageFailing} as given. */
    private Optional<Telemetry> nodeHealth(boolean storageFailing) {
        return hub.all(Telemetry.class).stream().filter(t -> t.device().isEmpty())
                .filter(t -> Boolean.valueOf(storageFailing).equals(t.metrics().get("storageFailing")))
                .reduce((first, second) -> second);
    }

    private static long number(Telemetry telemetry, String metric) {
        return ((Number) telemetry.metrics().get(metric)).longValue();
    }

    @Test
    void aFullCardIsReportedAlarmsWaitInMemoryAndEverythingFlowsAgainOnceThereIsRoom(MosquittoProcess broker)
            throws Exception {
        disk = ScratchDisk.tmpfs(dir.resolve("sd"), 8);
        start(broker, "");
        disk.fill();

        // A burst of readings faster than the link drains them: the outbox must grow, and cannot.
        Set<UUID> toldStored = new HashSet<>();
        long refused = 0;
        for (int round = 0; round < 100 && refused == 0; round++) {
            Map<UUID, CompletableFuture<Void>> burst = new java.util.LinkedHashMap<>();
            for (int i = 0; i < 2_000; i++) {
                Telemetry reading = new Telemetry(agent.envelopes().next(), Optional.of("probe-adsl"), Health.OK,
                        Map.of("downloadKbps", (long) i, "padding", "x".repeat(300)));
                burst.put(reading.envelope().msgId(), agent.emitter().emit(reading));
            }
            for (Map.Entry<UUID, CompletableFuture<Void>> sent : burst.entrySet()) {
                try {
                    sent.getValue().get();
                    toldStored.add(sent.getKey());
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).as("the producer is told").isInstanceOf(NotStoredException.class);
                    refused++;
                }
            }
        }
        assertThat(refused).as("the full card refused some of the burst").isPositive();

        Telemetry failing = await().atMost(PATIENCE).until(() -> nodeHealth(true), Optional::isPresent).get();
        assertThat(number(failing, "notStored")).as("reported to the hub, though nothing can be stored").isPositive();
        assertThat(number(failing, "storageWriteFailures")).isPositive();
        assertThat(number(failing, "diskFreeMegabytes")).isZero();

        Event alarm = new Event(agent.envelopes().next(), Optional.of("door-entree"), "door-forced", Severity.CRITICAL,
                "Porte forcée", Map.of());
        CompletableFuture<Void> alarmStored = agent.emitter().emit(alarm);
        await().atMost(PATIENCE).until(() -> agent.emitter().outbox().stats().storage().held() >= 1);
        assertThat(alarmStored).as("waiting in memory, neither stored nor failed").isNotDone();

        disk.free();
        alarmStored.get();
        await().atMost(PATIENCE).until(() -> msgIds(hub.all(Event.class)).contains(alarm.envelope().msgId()));
        await().atMost(PATIENCE).until(() -> nodeHealth(false).filter(t -> t.envelope().seq()
                > failing.envelope().seq()).isPresent());
        Set<UUID> arrived = new HashSet<>();
        await().atMost(PATIENCE).untilAsserted(() -> {
            arrived.addAll(msgIds(hub.all(Telemetry.class)));
            assertThat(arrived).as("every reading the outbox said it stored reaches the hub").containsAll(toldStored);
        });
        Telemetry recovered = await().atMost(PATIENCE).until(() -> nodeHealth(false)
                .filter(health -> number(health, "outboxHeldInMemory") == 0), Optional::isPresent).get();
        assertThat(number(recovered, "notStored")).as("the burst's and the telemetry's refused meanwhile, since start")
                .isGreaterThanOrEqualTo(refused);
    }

    @Test
    void aCardTurningReadOnlyNeverRunsACommandTwiceAndLeavesNoneUnanswered(MosquittoProcess broker)
            throws Exception {
        disk = ScratchDisk.ext4(dir, 32);
        Path restarts = dir.resolve("kiosk-restarts");
        // The kiosk restart is where the card dies: the command ran, its reply cannot be stored.
        start(broker, """
                commands:
                  restartKiosk: ["sh", "-c", "echo restarted >> '%s'; echo relais test > '%s'"]
                """.formatted(restarts, disk.errorTrigger()));

        Command restart = new Command("restart-kiosk", MessageIds.next(), Instant.now(), Optional.empty(), Map.of());
        send(restart);
        Reply done = finalReply(restart.requestId());
        disk.checkReadOnly();
        assertThat(done.status()).as("sent directly, the outbox could not keep it").isEqualTo(ReplyStatus.OK);
        assertThat(Files.readAllLines(restarts)).hasSize(1);

        // The broker delivers it again (as after a reconnect): the reply again, not a second run.
        send(restart);
        await().atMost(PATIENCE).until(() -> finals(restart.requestId()).size() >= 2);
        assertThat(finals(restart.requestId())).extracting(Reply::status).containsOnly(ReplyStatus.OK);
        assertThat(Files.readAllLines(restarts)).hasSize(1);

        // A new command cannot be recorded, so it is not run: refused, with the reason.
        Command another = new Command("restart-kiosk", MessageIds.next(), Instant.now(), Optional.empty(), Map.of());
        send(another);
        Reply refusal = finalReply(another.requestId());
        assertThat(refusal.status()).isEqualTo(ReplyStatus.REJECTED);
        assertThat(refusal.reason()).contains("cannot record it");
        assertThat(Files.readAllLines(restarts)).as("never executed").hasSize(1);

        // Each reading the card refuses since is counted, and the count reaches the hub.
        Telemetry failing = await().atMost(PATIENCE).until(() -> nodeHealth(true)
                .filter(health -> number(health, "notStored") > 0), Optional::isPresent).get();
        assertThat(number(failing, "storageWriteFailures")).isPositive();

        // The broker is killed and comes back: the node reconnects though it cannot persist its
        // new bdSeq, and its health, sent directly, is seen again.
        long bdSeq = agent.uplink().bdSeq();
        broker.kill();
        await().atMost(PATIENCE).until(() -> !agent.uplink().isOnline());
        broker.restart();
        hub.reconnect();
        await().atMost(PATIENCE).until(() -> agent.uplink().isOnline());
        assertThat(agent.uplink().bdSeq()).as("a new connection, a new number").isGreaterThan(bdSeq);
        int before = hub.all(Telemetry.class).size();
        await().atMost(PATIENCE).until(() -> hub.all(Telemetry.class).stream().skip(before)
                .anyMatch(t -> t.device().isEmpty() && Boolean.TRUE.equals(t.metrics().get("storageFailing"))));
    }

    private void send(Command command) throws Exception {
        hub.publish(Topic.command(SITE, NODE, command.name()).path(), codec.encode(command));
    }

    private List<Reply> finals(UUID requestId) {
        return hub.replies(requestId).stream().filter(reply -> reply.status().isFinal()).toList();
    }

    private Reply finalReply(UUID requestId) {
        await().atMost(PATIENCE).until(() -> !finals(requestId).isEmpty());
        return finals(requestId).get(0);
    }

    private static Set<UUID> msgIds(List<? extends Message> messages) {
        return messages.stream().map(SdCardFailureTest::msgId).collect(Collectors.toSet());
    }

    private static UUID msgId(Message message) {
        if (message instanceof Telemetry telemetry) {
            return telemetry.envelope().msgId();
        }
        if (message instanceof Event event) {
            return event.envelope().msgId();
        }
        throw new CompletionException(new IllegalArgumentException("no envelope: " + message));
    }
}
