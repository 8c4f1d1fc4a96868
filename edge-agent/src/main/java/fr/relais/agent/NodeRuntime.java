package fr.relais.agent;

import fr.relais.agent.access.NodeAccess;
import fr.relais.agent.access.OutboxAccessLog;
import fr.relais.agent.access.RemoteOpenings;
import fr.relais.agent.clock.ClockWatch;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.command.CommandHandler;
import fr.relais.agent.device.DeviceReports;
import fr.relais.agent.device.DeviceSet;
import fr.relais.agent.device.DriverRegistry;
import fr.relais.agent.telemetry.OutboxReports;
import fr.relais.agent.host.HostMonitor;
import fr.relais.agent.host.SimulatedHost;
import fr.relais.agent.localapi.KioskNode;
import fr.relais.agent.outbox.MessageEmitter;
import fr.relais.agent.store.AgentDatabase;
import fr.relais.agent.store.LocalState;
import fr.relais.agent.telemetry.TelemetryLoop;
import fr.relais.agent.uplink.CommandInbox;
import fr.relais.agent.uplink.Envelopes;
import fr.relais.agent.uplink.Uplink;
import fr.relais.protocol.Birth;
import fr.relais.protocol.MessageCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The part of a node that follows its configuration: devices, the MQTT session and the
 * telemetry schedule. {@code set-config} replaces it while the node's storage (outbox,
 * counters, command log) stays.
 */
final class NodeRuntime implements AutoCloseable {
    /** A backlog older than this makes bulky optional work (throughput tests) wait. */
    private static final long BACKLOG_SECONDS = 60;

    private final ScheduledExecutorService executor;
    private final Uplink uplink;
    private final DeviceSet devices;
    private final Duration commandTimeout;
    private final Optional<NodeAccess> access;
    private final Optional<KioskNode> kiosk;

    private NodeRuntime(ScheduledExecutorService executor, Uplink uplink, DeviceSet devices,
                        Duration commandTimeout, Optional<NodeAccess> access, Optional<KioskNode> kiosk) {
        this.kiosk = kiosk;
        this.executor = executor;
        this.uplink = uplink;
        this.devices = devices;
        this.commandTimeout = commandTimeout;
        this.access = access;
    }

    /** Builds the devices first, so an impossible device configuration fails before anything starts. */
    static NodeRuntime start(NodeConfig config, String agentVersion, LocalState state, AgentDatabase database,
                             MessageEmitter emitter, Envelopes envelopes, CommandInbox commands, HostMonitor host,
                             DriverRegistry drivers) {
        AtomicReference<Uplink> uplinkRef = new AtomicReference<>();
        AtomicReference<DeviceSet> devicesRef = new AtomicReference<>();
        Optional<NodeAccess> access = NodeAccess.open(config, database, new OutboxAccessLog(emitter, envelopes),
                id -> Optional.ofNullable(devicesRef.get()).flatMap(set -> set.device(id)), Clock.systemUTC());
        Optional<KioskNode> kiosk;
        try {
            kiosk = KioskNode.open(config, database, new OutboxAccessLog(emitter, envelopes), access,
                    Clock.systemUTC());
        } catch (RuntimeException e) {
            access.ifPresent(NodeAccess::close);
            throw e;
        }
        DeviceReports outbox = new OutboxReports(emitter, envelopes);
        DeviceReports doors = access.map(held -> held.routing(outbox)).orElse(outbox);
        DeviceReports reports = kiosk.map(node -> node.routing(doors)).orElse(doors);
        // A benchmark's simulated day: the simulations read the scaled clock and are polled as often.
        Clock deviceClock = config.simulation().map(scale -> scale.clock(Clock.systemUTC())).orElse(Clock.systemUTC());
        UnaryOperator<Duration> pace = interval -> config.simulation().map(scale -> scale.compress(interval))
                .orElse(interval);
        DeviceSet devices;
        try {
            devices = DeviceSet.create(config.node(), config.site().id(), config.devices(), drivers,
                    config.badgeHashKey(), reports, deviceClock, () -> replayingBacklog(uplinkRef.get(), emitter));
        } catch (RuntimeException e) {
            kiosk.ifPresent(KioskNode::close);
            access.ifPresent(NodeAccess::close);
            throw e;
        }
        devicesRef.set(devices);
        ClockWatch clock = ClockWatch.system(config.clock());
        envelopes.useClock(clock);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "node-" + config.node());
            thread.setDaemon(true);
            return thread;
        });
        List<Birth.DeviceInfo> deviceInfos = devices.infos();
        Uplink uplink = new Uplink(config, state, clock, new MessageCodec(), executor, emitter.outbox(),
                bdSeq -> new Birth(envelopes.current(), bdSeq,
                        new Birth.SiteInfo(config.site().name(), config.site().kind()),
                        new Birth.AgentInfo(agentVersion, config.version()), deviceInfos),
                commands, access.map(held -> held.feed()), kiosk.map(KioskNode::feed));
        uplinkRef.set(uplink);
        if (kiosk.isPresent()) {
            try {
                kiosk.get().start(uplink::reachesTheHub, devices::infos);
            } catch (RuntimeException e) {
                executor.shutdownNow();
                devices.close();
                kiosk.get().close();
                access.ifPresent(NodeAccess::close);
                throw e;
            }
        }
        Optional<SimulatedHost> simulatedHost = config.simulatedHost() ? Optional.of(new SimulatedHost(config.node()))
                : Optional.empty();
        TelemetryLoop telemetry = new TelemetryLoop(config.node(), devices, uplink, emitter, envelopes, clock,
                host, now -> ownMetrics(access, kiosk, simulatedHost, now));
        uplink.start();
        devices.start(executor, pace);
        // The first report after one interval, as ever, but in step with the devices' polls (scheduled
        // first, so run first at the same instant): the node's health and its devices' readings reach
        // the outbox together and share one synced commit, instead of one commit each a second apart
        // (the SD card's writes: edge-agent/README.md).
        Duration interval = config.telemetryInterval();
        executor.scheduleAtFixedRate(telemetry, pace.apply(interval.plus(DeviceSet.firstPoll(interval))).toMillis(),
                pace.apply(interval).toMillis(), TimeUnit.MILLISECONDS);
        return new NodeRuntime(executor, uplink, devices, config.commands().timeout(), access, kiosk);
    }

    /** Added after the host's own readings: a simulated host's temperature replaces the machine's. */
    private static Map<String, Object> ownMetrics(Optional<NodeAccess> access, Optional<KioskNode> kiosk,
                                                  Optional<SimulatedHost> simulatedHost, java.time.Instant now) {
        Map<String, Object> metrics = new java.util.LinkedHashMap<>();
        simulatedHost.ifPresent(host -> metrics.putAll(host.read(now)));
        access.ifPresent(doors -> metrics.putAll(doors.metrics(now)));
        kiosk.ifPresent(node -> metrics.putAll(node.metrics()));
        return metrics;
    }

    /** Offline, or an outbox holding messages older than a minute: the link has better things to do. */
    private static boolean replayingBacklog(Uplink uplink, MessageEmitter emitter) {
        if (uplink == null || !uplink.isOnline()) {
            return true;
        }
        try {
            return emitter.outbox().stats().oldestAgeSeconds() > BACKLOG_SECONDS;
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** The device-level commands of this runtime's devices. */
    Map<String, CommandHandler> deviceCommands() {
        Map<String, CommandHandler> handlers = devices.commands(commandTimeout);
        return access.map(doors -> RemoteOpenings.logged(handlers, doors.doors())).orElse(handlers);
    }

    /** Door access, when the node has {@code access:}. */
    Optional<NodeAccess> access() {
        return access;
    }

    Uplink uplink() {
        return uplink;
    }

    /** The kiosk's side, when the node has {@code kioskApi:}. */
    Optional<KioskNode> kiosk() {
        return kiosk;
    }

    /** Whether the node's thread runs a no-op within {@code timeout}: it is not stuck. */
    boolean responds(Duration timeout) {
        try {
            executor.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Says goodbye to the broker, stops polling, and releases every device (GPIO lines, serial
     * ports, grabbed readers: the next runtime may need them).
     */
    @Override
    public void close() {
        uplink.stop();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        devices.close();
        kiosk.ifPresent(KioskNode::close);
        access.ifPresent(NodeAccess::close);
    }
}
