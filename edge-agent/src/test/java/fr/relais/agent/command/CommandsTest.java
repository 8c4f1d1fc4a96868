package fr.relais.agent.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.agent.EdgeAgent;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.store.AgentDatabase;
import fr.relais.agent.store.CommandLog;
import fr.relais.agent.uplink.NodeWatcher;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.protocol.Birth;
import fr.relais.protocol.Command;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.Reply;
import fr.relais.protocol.ReplyStatus;
import fr.relais.protocol.Topic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's commands, end to end: a Paho client plays the hub against a real Mosquitto, sends
 * {@link Command}s on {@code …/cmd/{name}} and reads the node's {@link Reply}s, while the agent
 * runs in-process with its configuration in a real file.
 */
class CommandsTest {
    private static final String SITE = "montcornet";
    private static final String NODE = "montcornet-pi";
    private static final String PASSWORD = "s3cret-du-pi";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    @TempDir
    Path dir;

    private final MessageCodec codec = new MessageCodec();
    private NodeWatcher hub;
    private EdgeAgent agent;
    private Path configFile;

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    // ---------------------------------------------------------------- ping, unknown, not configured

    /** ping answers accepted, then ok with pong and the node id, both carrying the request id. */
    @Test
    void pingIsAcceptedThenAnsweredWithPong(MosquittoProcess broker) throws Exception {
        start(broker, "");
        UUID id = send("ping", Map.of());

        Reply answer = finalReply(id);
        assertThat(answer.status()).isEqualTo(ReplyStatus.OK);
        assertThat(answer.command()).isEqualTo("ping");
        assertThat(answer.result()).containsEntry("pong", true).containsEntry("node", NODE)
                .containsEntry("configVersion", agent.config().version());
        assertThat(hub.replies(id)).as("accepted first, then the final reply, correlated by the request id")
                .extracting(Reply::status).containsExactly(ReplyStatus.ACCEPTED, ReplyStatus.OK);
    }

    /** A command the node does not know is rejected, naming it and listing those it knows. */
    @Test
    void anUnknownCommandIsRejectedWithTheKnownOnes(MosquittoProcess broker) throws Exception {
        start(broker, "");
        UUID id = send("self-destruct", Map.of());

        Reply answer = finalReply(id);
        assertThat(answer.status()).isEqualTo(ReplyStatus.REJECTED);
        assertThat(answer.reason()).contains("self-destruct")
                .contains("ping", "rebirth", "get-config", "set-config", "restart-kiosk", "reboot",
                        "flush-outbox-stats");
    }

    /** Nothing runs on a Pi that its configuration did not allow. */
    @Test
    void restartKioskWithoutAConfiguredProgramIsRejected(MosquittoProcess broker) throws Exception {
        start(broker, "");
        UUID id = send("restart-kiosk", Map.of());

        Reply answer = finalReply(id);
        assertThat(answer.status()).isEqualTo(ReplyStatus.REJECTED);
        assertThat(answer.reason()).contains("no program is configured").contains("commands.restartKiosk");
    }

    // ---------------------------------------------------------------- system commands

    /** restart-kiosk runs the configured program once and reports its exit code and output. */
    @Test
    void restartKioskRunsTheConfiguredProgram(MosquittoProcess broker) throws Exception {
        Path restarts = dir.resolve("kiosk-restarts.txt");
        start(broker, restartKiosk(restarts));
        UUID id = send("restart-kiosk", Map.of());

        Reply answer = finalReply(id);
        assertThat(answer.status()).as(answer.reason()).isEqualTo(ReplyStatus.OK);
        assertThat(answer.result()).containsEntry("exitCode", 0L).containsEntry("output", "kiosk restarted\n");
        assertThat(Files.readAllLines(restarts)).containsExactly("restarted");
    }

    /** At most once: the same request delivered twice runs once, and the hub gets the final reply again. */
    @Test
    void theSameRequestDeliveredTwiceRunsOnceAndIsAnsweredTwice(MosquittoProcess broker) throws Exception {
        Path restarts = dir.resolve("kiosk-restarts.txt");
        start(broker, restartKiosk(restarts));
        Command command = command("restart-kiosk", Optional.empty());
        send("restart-kiosk", command);
        send("restart-kiosk", command);

        await().atMost(PATIENCE).until(() -> finals(command.requestId()).size() >= 2);
        List<Reply> finals = finals(command.requestId());
        assertThat(finals).extracting(Reply::status).containsOnly(ReplyStatus.OK);
        assertThat(finals.get(1).envelope().msgId()).as("the recorded reply, sent again as it was")
                .isEqualTo(finals.get(0).envelope().msgId());
        assertThat(hub.replies(command.requestId())).filteredOn(reply -> reply.status() == ReplyStatus.ACCEPTED)
                .as("accepted once: the second delivery is not executed").hasSize(1);
        assertThat(Files.readAllLines(restarts)).as("the program ran once").containsExactly("restarted");
    }

    /** A program that exits non-zero fails the command, with its status and output. */
    @Test
    void aProgramExitingNonZeroFailsWithItsStatusAndOutput(MosquittoProcess broker) throws Exception {
        start(broker, """
                commands:
                  reboot: ["sh", "-c", "echo broken; exit 3"]
                """);
        UUID id = send("reboot", Map.of());

        Reply answer = finalReply(id);
        assertThat(answer.status()).isEqualTo(ReplyStatus.FAILED);
        assertThat(answer.reason()).contains("status 3");
        assertThat(answer.result()).containsEntry("exitCode", 3L).containsEntry("output", "broken\n");
    }

    /** A command past its expiry is rejected, and its program never runs. */
    @Test
    void anExpiredCommandIsRejectedAndNotRun(MosquittoProcess broker) throws Exception {
        Path reboots = dir.resolve("reboots.txt");
        start(broker, reboot(reboots));
        Command command = command("reboot", Optional.of(Instant.now().minus(Duration.ofMinutes(5))));
        send("reboot", command);

        Reply answer = finalReply(command.requestId());
        assertThat(answer.status()).isEqualTo(ReplyStatus.REJECTED);
        assertThat(answer.reason()).contains("expired");
        assertThat(reboots).as("the program did not run").doesNotExist();
    }

    /** A command whose execution a crash interrupted is answered failed, never run a second time. */
    @Test
    void aCommandInterruptedByACrashIsNotRunAgain(MosquittoProcess broker) throws Exception {
        Path reboots = dir.resolve("reboots.txt");
        UUID interrupted = MessageIds.next();
        AgentDatabase previousRun = AgentDatabase.open(dir.resolve("agent.db"));
        try (CommandLog log = new CommandLog(previousRun)) {
            log.begin(interrupted, "reboot", Instant.now().toEpochMilli());
        }
        start(broker, reboot(reboots));

        // Answered at start, before the broker delivers the command again.
        Reply answer = finalReply(interrupted);
        assertThat(answer.status()).isEqualTo(ReplyStatus.FAILED);
        assertThat(answer.reason()).contains("not executed a second time");

        send("reboot", new Command("reboot", interrupted, Instant.now(), Optional.empty(), Map.of()));
        await().atMost(PATIENCE).until(() -> finals(interrupted).size() >= 2);
        assertThat(finals(interrupted)).extracting(Reply::status).containsOnly(ReplyStatus.FAILED);
        assertThat(reboots).as("the program did not run").doesNotExist();
    }

    /** An unreadable command that still says who asked is answered rejected; it never runs. */
    @Test
    void anInvalidCommandWithARequestIdIsRejected(MosquittoProcess broker) throws Exception {
        Path reboots = dir.resolve("reboots.txt");
        start(broker, reboot(reboots));
        UUID id = MessageIds.next();
        String payload = "{\"schema\":1,\"requestId\":\"" + id + "\",\"ts\":\"" + Instant.now()
                + "\",\"args\":[\"now\"]}";
        hub.publish(Topic.command(SITE, NODE, "reboot").path(), payload.getBytes(StandardCharsets.UTF_8));

        Reply answer = finalReply(id);
        assertThat(answer.status()).isEqualTo(ReplyStatus.REJECTED);
        assertThat(answer.command()).isEqualTo("reboot");
        assertThat(answer.reason()).startsWith("invalid command");
        assertThat(reboots).as("the program did not run").doesNotExist();
    }

    // ---------------------------------------------------------------- configuration

    /** get-config returns the file as written with the password masked, and its version. */
    @Test
    void getConfigMasksThePassword(MosquittoProcess broker) throws Exception {
        start(broker, "");
        UUID id = send("get-config", Map.of());

        Reply answer = finalReply(id);
        assertThat(answer.status()).isEqualTo(ReplyStatus.OK);
        assertThat(answer.result()).containsEntry("configVersion", agent.config().version());
        assertThat((String) answer.result().get("config"))
                .contains("node: " + NODE, "password: \"****\"")
                .doesNotContain(PASSWORD);
    }

    /**
     * The same with the broker written as a flow mapping, as the project's own examples do
     * ({@code broker: {url: …, password: …}}): the password must not leave the node either.
     */
    @Test
    void getConfigMasksThePasswordOfAFlowStyleBroker(MosquittoProcess broker) throws Exception {
        String yaml = """
                node: %s
                site: {id: %s, name: "Tiers-lieu numérique de Montcornet", kind: mediation}
                broker: {url: "%s", username: %s, password: %s, reconnectMinMillis: 100, reconnectMaxMillis: 500}
                storage: {file: agent.db}
                telemetry: {intervalSeconds: 1}
                clock: {source: always-synced}
                """.formatted(NODE, SITE, broker.url(), NODE, PASSWORD);
        startWith(broker, yaml);
        UUID id = send("get-config", Map.of());

        Reply answer = finalReply(id);
        assertThat(answer.status()).isEqualTo(ReplyStatus.OK);
        assertThat((String) answer.result().get("config")).contains("node: " + NODE).doesNotContain(PASSWORD);
    }

    /** A valid new configuration runs, is saved atomically beside the previous one, and the birth says so. */
    @Test
    void setConfigAppliesSavesAndAnnouncesTheNewConfiguration(MosquittoProcess broker) throws Exception {
        String before = start(broker, "");
        String oldVersion = agent.config().version();
        String after = yaml(broker.url(), "").replace("intervalSeconds: 1", "intervalSeconds: 2");
        String newVersion = new ConfigLoader(Map.of()).parse(after, dir).version();
        assertThat(newVersion).isNotEqualTo(oldVersion);

        UUID id = send("set-config", Map.of("config", after));

        Reply answer = finalReply(id);
        assertThat(answer.status()).as(answer.reason()).isEqualTo(ReplyStatus.OK);
        assertThat(answer.result()).containsEntry("configVersion", newVersion)
                .containsEntry("previousVersion", oldVersion).containsEntry("saved", true);
        assertThat(Files.readString(configFile)).isEqualTo(after);
        assertThat(Files.readString(dir.resolve("agent.yaml.previous"))).isEqualTo(before);
        assertThat(dir.resolve("agent.yaml.new")).doesNotExist();
        await().atMost(PATIENCE).until(() -> hub.all(Birth.class).stream()
                .anyMatch(birth -> birth.agent().configVersion().equals(newVersion)));
        assertThat(agent.config().version()).isEqualTo(newVersion);
    }

    /** A configuration that cannot reach the broker is rolled back: the node comes back as it was. */
    @Test
    void setConfigThatCannotReachTheBrokerIsRolledBack(MosquittoProcess broker) throws Exception {
        String before = start(broker, "");
        String oldVersion = agent.config().version();
        long birthsBefore = hub.count(Birth.class);
        String deadUrl = "tcp://127.0.0.1:" + MosquittoProcess.freePort();
        String after = yaml(deadUrl, """
                commands: {configProbationSeconds: 3}
                """);
        String newVersion = new ConfigLoader(Map.of()).parse(after, dir).version();

        UUID id = send("set-config", Map.of("config", after));

        Reply answer = finalReply(id);
        assertThat(answer.status()).isEqualTo(ReplyStatus.FAILED);
        assertThat(answer.reason()).contains("rolled back");
        assertThat(Files.readString(configFile)).as("the file on disk is unchanged").isEqualTo(before);
        assertThat(dir.resolve("agent.yaml.previous")).doesNotExist();
        await().atMost(PATIENCE).until(() -> hub.count(Birth.class) > birthsBefore);
        assertThat(hub.last(Birth.class).agent().configVersion()).isEqualTo(oldVersion);
        assertThat(hub.all(Birth.class)).extracting(birth -> birth.agent().configVersion())
                .doesNotContain(newVersion);
        assertThat(agent.config().version()).isEqualTo(oldVersion);
    }

    /** A text that is not YAML is rejected, with the reason; nothing changes. */
    @Test
    void setConfigWithInvalidYamlIsRejected(MosquittoProcess broker) throws Exception {
        String before = start(broker, "");
        UUID id = send("set-config", Map.of("config", "node: [montcornet-pi\nsite: {"));

        Reply answer = finalReply(id);
        assertThat(answer.status()).isEqualTo(ReplyStatus.REJECTED);
        assertThat(answer.reason()).startsWith("invalid configuration").contains("YAML");
        assertThat(Files.readString(configFile)).isEqualTo(before);
    }

    /** set-config cannot turn a node into another one. */
    // A program printing more than a pipe holds must not hang and be reported as too slow.
    @Test
    void aProgramPrintingALotFinishesAndOnlyTheEndIsKept(MosquittoProcess broker) throws Exception {
        start(broker, "commands:\n  restartKiosk: [sh, -c, \"yes x | head -c 300000\"]\n");
        Reply answer = finalReply(send("restart-kiosk", Map.of()));
        assertThat(answer.status()).isEqualTo(ReplyStatus.OK);
        assertThat((String) answer.result().get("output")).hasSizeLessThanOrEqualTo(2_001).endsWith("x\n");
    }

    // Whoever can send commands must not be able to make a Pi run a program of their choice.
    @Test
    void setConfigCannotChangeTheProgramsANodeRuns(MosquittoProcess broker) throws Exception {
        String before = start(broker, "");
        String other = yaml(broker.url(), "commands:\n  reboot: [sh, -c, \"echo owned\"]\n");
        UUID id = send("set-config", Map.of("config", other));

        Reply answer = finalReply(id);
        assertThat(answer.status()).isEqualTo(ReplyStatus.REJECTED);
        assertThat(answer.reason()).contains("cannot change commands.restartKiosk or commands.reboot");
        assertThat(Files.readString(configFile)).isEqualTo(before);
        assertThat(agent.config().commands().reboot()).isEmpty();
    }

    @Test
    void setConfigChangingTheNodeIdIsRejected(MosquittoProcess broker) throws Exception {
        String before = start(broker, "");
        String other = yaml(broker.url(), "").replace("node: " + NODE, "node: dizy-pi");
        UUID id = send("set-config", Map.of("config", other));

        Reply answer = finalReply(id);
        assertThat(answer.status()).isEqualTo(ReplyStatus.REJECTED);
        assertThat(answer.reason()).contains("cannot change the node or site id");
        assertThat(Files.readString(configFile)).isEqualTo(before);
        assertThat(agent.config().node()).isEqualTo(NODE);
    }

    // ---------------------------------------------------------------- outbox statistics

    /** flush-outbox-stats answers with the outbox's figures. */
    @Test
    void flushOutboxStatsReturnsTheOutboxMetrics(MosquittoProcess broker) throws Exception {
        start(broker, "");
        UUID id = send("flush-outbox-stats", Map.of());

        Reply answer = finalReply(id);
        assertThat(answer.status()).isEqualTo(ReplyStatus.OK);
        assertThat(answer.result()).containsKeys("outboxDepth", "outboxPriorityDepth", "outboxBytes",
                "outboxEvicted", "outboxDelivered", "outboxStored", "outboxEvictedSinceFlush",
                "outboxDeliveredSinceFlush", "notStored", "outboxHeldInMemory", "storageWriteFailures");
        assertThat(answer.result()).containsEntry("storageFailing", false);
        answer.result().forEach((name, value) -> assertThat(value).as(name)
                .isInstanceOf(name.equals("storageFailing") ? Boolean.class : Long.class));
    }

    // ---------------------------------------------------------------- helpers

    /** Writes the configuration, starts the hub's client then the agent; returns the file's text. */
    private String start(MosquittoProcess broker, String commands) throws Exception {
        String yaml = yaml(broker.url(), commands);
        startWith(broker, yaml);
        return yaml;
    }

    private void startWith(MosquittoProcess broker, String yaml) throws Exception {
        configFile = dir.resolve("agent.yaml");
        Files.writeString(configFile, yaml);
        NodeConfig config = new ConfigLoader(Map.of()).load(configFile);
        hub = new NodeWatcher(broker.url(), SITE, NODE);
        agent = EdgeAgent.start(config, Optional.of(configFile), "test");
        // The node subscribes to its commands before it publishes its birth, on the same connection.
        await().atMost(PATIENCE).until(() -> hub.count(Birth.class) >= 1);
    }

    private static String yaml(String url, String commands) {
        return """
                node: %s
                site: {id: %s, name: "Tiers-lieu numérique de Montcornet", kind: mediation}
                broker:
                  url: "%s"
                  username: %s
                  password: %s
                  reconnectMinMillis: 100
                  reconnectMaxMillis: 500
                storage: {file: agent.db}
                telemetry: {intervalSeconds: 1}
                clock: {source: always-synced}
                """.formatted(NODE, SITE, url, NODE, PASSWORD) + commands;
    }

    private static String restartKiosk(Path file) {
        return """
                commands:
                  restartKiosk: ["sh", "-c", "echo restarted >> '%s'; echo kiosk restarted"]
                """.formatted(file.toAbsolutePath());
    }

    private static String reboot(Path file) {
        return """
                commands:
                  reboot: ["sh", "-c", "echo rebooted >> '%s'"]
                """.formatted(file.toAbsolutePath());
    }

    private static Command command(String name, Optional<Instant> expiresAt) {
        return new Command(name, MessageIds.next(), Instant.now(), expiresAt, Map.of());
    }

    private UUID send(String name, Map<String, Object> args) throws Exception {
        Command command = new Command(name, MessageIds.next(), Instant.now(), Optional.empty(), args);
        send(name, command);
        return command.requestId();
    }

    /** The name travels in the topic only, so one encoded command may go to any name. */
    private void send(String name, Command command) throws Exception {
        hub.publish(Topic.command(SITE, NODE, name).path(), codec.encode(command));
    }

    private List<Reply> finals(UUID requestId) {
        return hub.replies(requestId).stream().filter(reply -> reply.status().isFinal()).toList();
    }

    private Reply finalReply(UUID requestId) {
        await().atMost(PATIENCE).until(() -> !finals(requestId).isEmpty());
        return finals(requestId).get(0);
    }
}
