package fr.relais.agent;

import fr.relais.agent.clock.ClockWatch;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.Devices;
import fr.relais.agent.host.HostMonitor;
import fr.relais.agent.outbox.MessageEmitter;
import fr.relais.agent.store.LocalState;
import fr.relais.agent.telemetry.TelemetryLoop;
import fr.relais.agent.uplink.CommandInbox;
import fr.relais.agent.uplink.Envelopes;
import fr.relais.agent.uplink.Uplink;
import fr.relais.protocol.Birth;
import fr.relais.protocol.MessageCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The part of a node that follows its configuration: devices, the MQTT session and the
 * telemetry schedule. {@code set-config} replaces it while the node's storage (outbox,
 * counters, command log) stays.
 */
final class NodeRuntime implements AutoCloseable {
    private final ScheduledExecutorService executor;
    private final Uplink uplink;

    private NodeRuntime(ScheduledExecutorService executor, Uplink uplink) {
        this.executor = executor;
        this.uplink = uplink;
    }

    /** Builds the devices first, so an impossible device configuration fails before anything starts. */
    static NodeRuntime start(NodeConfig config, String agentVersion, LocalState state, MessageEmitter emitter,
                             Envelopes envelopes, CommandInbox commands, HostMonitor host) {
        List<Device> devices = Devices.from(config.devices());
        ClockWatch clock = ClockWatch.system(config.clock());
        envelopes.useClock(clock);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "node-" + config.node());
            thread.setDaemon(true);
            return thread;
        });
        List<Birth.DeviceInfo> deviceInfos = devices.stream().map(Device::info).toList();
        Uplink uplink = new Uplink(config, state, clock, new MessageCodec(), executor, emitter.outbox(),
                bdSeq -> new Birth(envelopes.current(), bdSeq,
                        new Birth.SiteInfo(config.site().name(), config.site().kind()),
                        new Birth.AgentInfo(agentVersion, config.version()), deviceInfos),
                commands);
        TelemetryLoop telemetry = new TelemetryLoop(config.node(), devices, uplink, emitter, envelopes, clock,
                host);
        uplink.start();
        long interval = config.telemetryInterval().toMillis();
        executor.scheduleAtFixedRate(telemetry, interval, interval, TimeUnit.MILLISECONDS);
        return new NodeRuntime(executor, uplink);
    }

    Uplink uplink() {
        return uplink;
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

    /** Says goodbye to the broker and stops reading devices. */
    @Override
    public void close() {
        uplink.stop();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
