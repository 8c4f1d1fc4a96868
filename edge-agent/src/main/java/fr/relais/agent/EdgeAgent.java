package fr.relais.agent;

import fr.relais.agent.clock.ClockWatch;
import fr.relais.agent.command.BuiltinCommands;
import fr.relais.agent.command.CommandHandler;
import fr.relais.agent.command.CommandService;
import fr.relais.agent.command.NodeControl;
import fr.relais.agent.command.Outcome;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.device.DriverRegistry;
import fr.relais.agent.host.HostMonitor;
import fr.relais.agent.outbox.MessageEmitter;
import fr.relais.agent.outbox.Outbox;
import fr.relais.agent.outbox.OutboxStats;
import fr.relais.agent.store.AgentDatabase;
import fr.relais.agent.store.CommandLog;
import fr.relais.agent.store.LocalState;
import fr.relais.agent.store.StorageReset;
import fr.relais.agent.uplink.DirectPublisher;
import fr.relais.agent.uplink.Envelopes;
import fr.relais.agent.uplink.Uplink;
import fr.relais.protocol.Event;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Severity;
import fr.relais.protocol.Topic;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node: its storage (database, outbox, counters, command log), which lives as long as the
 * process, and its {@link NodeRuntime} (devices, MQTT session, telemetry), which a new
 * configuration replaces.
 */
public final class EdgeAgent implements NodeControl, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeAgent.class);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

    private final Optional<Path> configFile;
    private final String agentVersion;
    private final AgentDatabase database;
    private final LocalState state;
    private final Outbox outbox;
    private final CommandLog commandLog;
    private final Envelopes envelopes;
    private final MessageEmitter emitter;
    private final CommandService commands;
    private final Instant started = Instant.now();
    private final Reconfiguration reconfiguration;
    /** Kept across {@code set-config}: the storage file cannot change, and a bad file is logged once. */
    private final HostMonitor host;
    private final DriverRegistry drivers;
    private volatile NodeConfig config;
    private volatile NodeRuntime runtime;

    private EdgeAgent(NodeConfig config, Optional<Path> configFile, String agentVersion, HostMonitor host,
                      DriverRegistry drivers) {
        this.config = config;
        this.drivers = drivers;
        this.host = host;
        this.configFile = configFile;
        this.agentVersion = agentVersion;
        this.database = AgentDatabase.open(config.storageFile());
        this.state = new LocalState(database);
        this.outbox = new Outbox(database, config.outbox().limits(), Clock.systemUTC(), config.node());
        this.commandLog = new CommandLog(database);
        this.envelopes = new Envelopes(state.lastSeq(), ClockWatch.system(config.clock()));
        this.emitter = new MessageEmitter(outbox, new MessageCodec());
        this.commands = new CommandService(config.node(), this::commandHandlers,
                commandLog, outbox, envelopes, ClockWatch.system(config.clock()), this::publishDirectly);
        this.reconfiguration = new Reconfiguration(this);
        database.reset().ifPresent(this::reportReset);
    }

    /** Opens the node's storage, connects in the background and starts reporting. */
    public static EdgeAgent start(NodeConfig config, String agentVersion) {
        return start(config, Optional.empty(), agentVersion);
    }

    /** @param configFile where {@code set-config} writes an accepted configuration */
    public static EdgeAgent start(NodeConfig config, Optional<Path> configFile, String agentVersion) {
        return start(config, configFile, agentVersion, HostMonitor.of(config.storageFile()));
    }

    /** @param host reads the host's health; tests give one reading fake {@code /sys} and {@code /proc} */
    static EdgeAgent start(NodeConfig config, Optional<Path> configFile, String agentVersion, HostMonitor host) {
        return start(config, configFile, agentVersion, host, DriverRegistry.standard());
    }

    /** @param drivers the device drivers; tests provide Pi4J's mock GPIO through it */
    public static EdgeAgent start(NodeConfig config, Optional<Path> configFile, String agentVersion,
                                  DriverRegistry drivers) {
        return start(config, configFile, agentVersion, HostMonitor.of(config.storageFile()), drivers);
    }

    static EdgeAgent start(NodeConfig config, Optional<Path> configFile, String agentVersion, HostMonitor host,
                           DriverRegistry drivers) {
        EdgeAgent agent = new EdgeAgent(config, configFile, agentVersion, host, drivers);
        try {
            agent.runtime = agent.startRuntime(config);
        } catch (RuntimeException e) {
            agent.closeStorage();
            throw e;
        }
        return agent;
    }

    NodeRuntime startRuntime(NodeConfig next) {
        return NodeRuntime.start(next, agentVersion, state, database, emitter, envelopes, commands::deliver, host,
                drivers);
    }

    public NodeConfig config() {
        return config;
    }

    /**
     * The node's commands and, for each device-level command name, the handler that finds the
     * device in {@code args.device}. A device action named like a built-in never hides it.
     */
    private Map<String, CommandHandler> commandHandlers() {
        Map<String, CommandHandler> handlers = new TreeMap<>();
        NodeRuntime current = runtime;
        if (current != null) {
            handlers.putAll(current.deviceCommands());
        }
        handlers.putAll(BuiltinCommands.create(this, config.commands()));
        return handlers;
    }

    public Uplink uplink() {
        return runtime.uplink();
    }

    /** The kiosk's side of the node, when it has {@code kioskApi:} (its API, its content feed). */
    public Optional<fr.relais.agent.localapi.KioskNode> kiosk() {
        NodeRuntime current = runtime;
        return current == null ? Optional.empty() : current.kiosk();
    }

    public MessageEmitter emitter() {
        return emitter;
    }

    public Envelopes envelopes() {
        return envelopes;
    }

    public AgentDatabase database() {
        return database;
    }

    Optional<Path> configFile() {
        return configFile;
    }

    /** Swaps the runtime; used by {@link Reconfiguration}. */
    void replace(NodeConfig next, NodeRuntime nextRuntime) {
        this.config = next;
        this.runtime = nextRuntime;
    }

    NodeRuntime runtime() {
        return runtime;
    }

    /**
     * Whether the node is alive: its outbox writer runs and its own thread answers. A hung node
     * stops the systemd watchdog pings, so systemd restarts the agent.
     */
    public boolean isHealthy() {
        // While set-config tries a configuration the node's thread is being replaced: busy, not hung.
        return outbox.isWriting() && (reconfiguration.inProgress() || runtime.responds(HEALTH_TIMEOUT));
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("pong", true);
        description.put("node", config.node());
        description.put("agentVersion", agentVersion);
        description.put("configVersion", config.version());
        description.put("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds());
        return description;
    }

    @Override
    public void rebirth() {
        runtime.uplink().rebirth();
    }

    @Override
    public Map<String, Object> configuration() {
        return Map.of("config", config.maskedText(), "configVersion", config.version());
    }

    @Override
    public Outcome reconfigure(String yaml) {
        return reconfiguration.apply(yaml);
    }

    @Override
    public OutboxStats flushOutboxStats() {
        return outbox.flushStats();
    }

    /** A message the disk refused, straight to the broker if the node is connected. */
    private CompletableFuture<Void> publishDirectly(Topic.Kind kind, byte[] payload) {
        NodeRuntime current = runtime;
        return current == null ? DirectPublisher.OFFLINE.publish(kind, payload) : current.uplink().publish(kind, payload);
    }

    private void reportReset(StorageReset reset) {
        Event event = new Event(envelopes.next(), Optional.empty(), "storage-reset", Severity.CRITICAL,
                "Base de données locale illisible, mise de côté : les messages qu'elle contenait sont perdus",
                Map.of("movedTo", reset.movedTo().toString(), "reason", reset.reason()));
        try {
            // An alarm: if the disk refuses it too, the outbox keeps it in memory and retries.
            emitter.emit(event).exceptionally(failure -> {
                LOG.error("{}: the storage-reset event could not be stored: {}", config.node(), failure.toString());
                return null;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Says goodbye to the broker, then writes what is pending and releases the database. */
    @Override
    public void close() {
        runtime.close();
        closeStorage();
    }

    private void closeStorage() {
        commands.close();
        outbox.close();
        commandLog.close();
        state.close();
        LOG.debug("node {} closed", config.node());
    }
}
