package fr.relais.bench.agent;

import fr.relais.bench.AgentProcess;
import fr.relais.broker.MosquittoProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A mediation place's agent for a simulated day, in its own JVM with the Pi's options, publishing
 * to a real mosquitto that a subscriber drains; prints its CPU, memory and bytes written per day.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"The Pi's agent for a simulated day: a mediation place's devices (rozoy-pi of"
                + " provisioning/examples/territoire.yaml, all simulated), mosquitto and a subscriber that"
                + " acknowledges everything; prints one line: CPU (share of one core), RSS, heap after GC, bytes"
                + " written to storage per day, database size.",
                "Accelerated time: the agent's simulation.timeScale K (accepted only when every device is"
                + " simulated) runs the simulations' clock K times faster and polls devices and sends the node's"
                + " telemetry K times as often, so a day takes 86 400/K s. What the agent does per real second"
                + " (durability barrier, keep-alive, timers, GC) is measured apart on an idle agent (no device),"
                + " taken out of the run and added back for a whole day:"
                + " day = (run - idle rate x run time) x 86400 / simulated seconds + idle rate x 86400."
                + " CPU and bytes (/proc/PID/io write_bytes: WAL, checkpoints and all) are counted from the"
                + " agent's start on, its start-up excluded."})
public final class AgentBenchmark implements Callable<Integer> {
    private static final long SETTLE_MILLIS = 15_000;

    @Option(names = "--time-scale", defaultValue = "48",
            description = "Simulated seconds per real second (default ${DEFAULT-VALUE}: a day in 30 minutes)."
                    + " Above about 150 the place's shortest cycle (the printer's 30 s) is shorter than the"
                    + " outbox's 200 ms wait for a shared commit, and the writes come out low: 288 (a day in"
                    + " 5 minutes) is a quick look, not a figure.")
    long timeScale;

    @Option(names = "--simulated-hours", defaultValue = "24",
            description = "Simulated hours to run (default ${DEFAULT-VALUE}); figures are per day whatever it is.")
    double simulatedHours;

    @Option(names = "--idle-seconds", defaultValue = "60",
            description = "Seconds to measure the idle agent (default ${DEFAULT-VALUE}).")
    long idleSeconds;

    @Option(names = "--agent-jar", defaultValue = "edge-agent/target/relais-agent.jar")
    Path agentJar;

    @Option(names = "--jvm-options", defaultValue = "edge-agent/packaging/agent.jvm.options",
            description = "The agent's JVM options, as provisioning installs them on a Pi (default ${DEFAULT-VALUE}).")
    Path jvmOptions;

    @Option(names = "--work", description = "Folder for the run's files, on a real disk (default: a new folder"
            + " under /var/tmp, removed after the run).")
    Path work;

    @Override
    public Integer call() throws Exception {
        if (timeScale < 2 || timeScale > 10_000 || !(simulatedHours > 0) || idleSeconds < 10) {
            System.err.println("agent: --time-scale must be 2 to 10000, --simulated-hours positive, --idle-seconds"
                    + " at least 10");
            return 2;
        }
        Path dir = work != null ? Files.createDirectories(work)
                : Files.createTempDirectory(Files.createDirectories(Path.of("/var/tmp")), "relais-bench-agent-");
        String fileSystem = StorageCheck.fileSystemOf(dir);
        if (StorageCheck.inMemory(fileSystem)) {
            System.err.println("agent: " + dir + " is on " + fileSystem + ", which writes nothing to a disk;"
                    + " give --work a folder on a real disk");
            return 2;
        }
        int status = run(dir);
        if (status == 0 && work == null) {
            fr.relais.bench.WorkFolder.delete(dir);
        } else if (status != 0) {
            System.err.println("agent: the run's files are kept in " + dir);
        }
        return status;
    }

    private int run(Path dir) throws Exception {
        int port = MosquittoProcess.freePort();
        try (MosquittoProcess broker = MosquittoProcess.start(dir.resolve("broker"), port);
             AckingSubscriber hub = new AckingSubscriber(broker.url())) {
            DayScaling.Measure idle = measureIdle(dir.resolve("idle"), port);
            Path placeDir = Files.createDirectories(dir.resolve("place"));
            Path config = placeDir.resolve("agent.yaml");
            Instant start = PlaceConfig.lastTuesday(LocalDate.now(PlaceConfig.PARIS));
            Files.writeString(config, PlaceConfig.place(port, timeScale, start), StandardCharsets.UTF_8);
            try (AgentProcess agent = startAgent(config, placeDir)) {
                ProcessMeter meter = new ProcessMeter(agent.pid());
                long receivedBefore = hub.received();
                ProcessMeter.Sample first = meter.sample();
                long realMillis = Math.round(simulatedHours * 3600 / timeScale * 1000);
                Thread.sleep(realMillis);
                if (!agent.isAlive()) {
                    throw new IllegalStateException("the agent stopped; see " + placeDir.resolve("agent.log"));
                }
                DayScaling.Measure run = meter.sample().since(first);
                long residentNow = meter.memory("VmRSS");
                long residentPeak = meter.memory("VmHWM");
                long heap = meter.heapAfterGc(Path.of(System.getProperty("java.home")));
                long dbBytes = databaseBytes(placeDir.resolve("agent.db"));
                long syncs = outboxSyncs(placeDir.resolve("agent.db"));
                DayScaling.Day day = DayScaling.toRealDay(run, idle, timeScale);
                System.out.printf(Locale.ROOT, "agent: simulated_hours=%s cpu_pct=%.2f rss_mb=%.0f heap_after_gc_mb=%.1f"
                                + " written_mb_per_day=%.1f db_mb=%.2f%n",
                        hours(), day.cpuPercent(), residentPeak / 1048576.0, heap / 1048576.0,
                        day.writtenMegabytes(), dbBytes / 1048576.0);
                System.err.printf(Locale.ROOT, "agent: rss_mb is the peak (VmHWM), %.0f MB at the end; messages received"
                                + " %d; outbox syncs %d; run real_s=%.1f cpu_s=%.2f written_bytes=%d; idle real_s=%.1f cpu_s=%.2f"
                                + " written_bytes=%d; per day: messages cpu_s=%.0f written_mb=%.1f, idle cpu_s=%.0f"
                                + " written_mb=%.1f%n",
                        residentNow / 1048576.0, hub.received() - receivedBefore, syncs, run.realSeconds(), run.cpuSeconds(),
                        run.writeBytes(), idle.realSeconds(), idle.cpuSeconds(), idle.writeBytes(),
                        day.perMessageCpuSeconds(), day.perMessageBytes() / 1048576.0, day.idleCpuSeconds(),
                        day.idleBytes() / 1048576.0);
                return 0;
            }
        }
    }

    /** The same node with no device, connected, measured for {@code idleSeconds}. */
    private DayScaling.Measure measureIdle(Path idleDir, int port) throws Exception {
        Files.createDirectories(idleDir);
        Path config = idleDir.resolve("agent.yaml");
        Files.writeString(config, PlaceConfig.idle(port), StandardCharsets.UTF_8);
        try (AgentProcess agent = startAgent(config, idleDir)) {
            ProcessMeter meter = new ProcessMeter(agent.pid());
            ProcessMeter.Sample first = meter.sample();
            Thread.sleep(idleSeconds * 1000);
            if (!agent.isAlive()) {
                throw new IllegalStateException("the idle agent stopped; see " + idleDir.resolve("agent.log"));
            }
            return meter.sample().since(first);
        }
    }

    /** Starts the agent and waits until it has started its node and settled (start-up is not measured). */
    private AgentProcess startAgent(Path config, Path dir) throws IOException, InterruptedException {
        AgentProcess agent = AgentProcess.start(agentJar.toAbsolutePath(), jvmOptions.toAbsolutePath(),
                dir.resolve("agent.log"), "--config", config.toString());
        if (agent.awaitLineContaining("started with", 60).isEmpty()) {
            agent.close();
            throw new IllegalStateException("the agent did not start; see " + dir.resolve("agent.log"));
        }
        // The JIT compiles the start's code for several seconds more: a one-off, not a per-second cost.
        Thread.sleep(SETTLE_MILLIS);
        return agent;
    }

    private String hours() {
        return simulatedHours == Math.rint(simulatedHours) ? Long.toString((long) simulatedHours)
                : Double.toString(simulatedHours);
    }

    /** The agent's count of fsyncs of its outbox (an fsync costs the SD card most); -1 if unreadable. */
    private static long outboxSyncs(Path file) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro");
             Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT value FROM local_state WHERE name = 'outboxSyncs'")) {
            return row.next() ? row.getLong(1) : 0;
        } catch (SQLException e) {
            return -1;
        }
    }

    private static long databaseBytes(Path file) {
        long size = 0;
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            try {
                size += Files.size(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException missing) {
                // No log file: no room taken.
            }
        }
        return size;
    }
}
