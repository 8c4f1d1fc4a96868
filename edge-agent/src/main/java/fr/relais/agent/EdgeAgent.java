package fr.relais.agent;

import fr.relais.agent.clock.ClockWatch;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.Devices;
import fr.relais.agent.store.AgentDatabase;
import fr.relais.agent.store.LocalState;
import fr.relais.agent.telemetry.TelemetryLoop;
import fr.relais.agent.uplink.Envelopes;
import fr.relais.agent.uplink.Uplink;
import fr.relais.protocol.Birth;
import fr.relais.protocol.MessageCodec;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** One node: its database, devices, uplink and telemetry, wired together. */
public final class EdgeAgent implements AutoCloseable {
    private final NodeConfig config;
    private final AgentDatabase database;
    private final ScheduledExecutorService executor;
    private final Uplink uplink;

    private EdgeAgent(NodeConfig config, AgentDatabase database, ScheduledExecutorService executor, Uplink uplink) {
        this.config = config;
        this.database = database;
        this.executor = executor;
        this.uplink = uplink;
    }

    /** Opens the node's database, connects (in the background) and starts reporting. */
    public static EdgeAgent start(NodeConfig config, String agentVersion) {
        List<Device> devices = Devices.from(config.devices());
        AgentDatabase database = AgentDatabase.open(config.storageFile());
        LocalState state = new LocalState(database);
        ClockWatch clock = ClockWatch.system(config.clock());
        Envelopes envelopes = new Envelopes(state, clock);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "node-" + config.node());
            thread.setDaemon(true);
            return thread;
        });
        List<Birth.DeviceInfo> deviceInfos = devices.stream().map(Device::info).toList();
        Uplink uplink = new Uplink(config, state, clock, new MessageCodec(), executor,
                bdSeq -> new Birth(envelopes.next(), bdSeq,
                        new Birth.SiteInfo(config.site().name(), config.site().kind()),
                        new Birth.AgentInfo(agentVersion, config.version()), deviceInfos));
        TelemetryLoop telemetry = new TelemetryLoop(config.node(), devices, uplink, envelopes, clock);
        uplink.start();
        long interval = config.telemetryInterval().toMillis();
        executor.scheduleAtFixedRate(telemetry, interval, interval, TimeUnit.MILLISECONDS);
        return new EdgeAgent(config, database, executor, uplink);
    }

    public NodeConfig config() {
        return config;
    }

    public Uplink uplink() {
        return uplink;
    }

    /** Says goodbye to the broker, then releases the database. */
    @Override
    public void close() {
        uplink.stop();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        database.close();
    }
}
