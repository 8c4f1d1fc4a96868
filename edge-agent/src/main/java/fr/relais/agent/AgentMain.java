package fr.relais.agent;

import fr.relais.agent.config.ConfigException;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.diagnostics.CheckCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import fr.relais.agent.simulation.Burst;
import fr.relais.agent.store.StorageException;
import fr.relais.agent.systemd.SystemdNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the edge agent. On a Pi it runs one node; for the demo and benchmarks one process may
 * run several nodes, each with its own configuration, database and MQTT connection.
 */
@Command(name = "relais-agent", mixinStandardHelpOptions = true, versionProvider = AgentMain.Version.class,
        description = "Runs the Relais edge agent for one or more nodes.", subcommands = CheckCommand.class)
public final class AgentMain implements Callable<Integer> {
    static final int CONFIG_ERROR = 2;

    // Not required for picocli: "relais-agent check …" runs without one (checked in call()).
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "A node's agent.yaml. Repeat to run several nodes in this process.")
    private List<Path> configs;

    @Option(names = "--simulate-burst", paramLabel = "N", defaultValue = "0",
            description = "Benchmarks and tests only: at start, store N synthetic telemetry messages for the"
                    + " first node, print how long that took, then run normally.")
    private long burst;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("check")) {
            // Before the first logger exists: standard output is for the check's JSON line only.
            System.setProperty("RELAIS_LOG_TARGET", "System.err");
            if (System.getenv("RELAIS_LOG_LEVEL") == null) {
                System.setProperty("RELAIS_LOG_LEVEL", "WARN");
            }
        }
        System.exit(new CommandLine(new AgentMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (configs == null || configs.isEmpty()) {
            System.err.println("relais-agent: missing --config FILE (or a command: check)");
            return CONFIG_ERROR;
        }
        List<NodeConfig> nodes = new ArrayList<>();
        ConfigLoader loader = new ConfigLoader();
        for (Path file : configs) {
            try {
                nodes.add(loader.load(file));
            } catch (ConfigException e) {
                System.err.println("relais-agent: invalid configuration: " + e.getMessage());
                return CONFIG_ERROR;
            }
        }
        List<EdgeAgent> running = new CopyOnWriteArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        // Under systemd: READY=1, watchdog pings while every node is healthy, STOPPING=1. Elsewhere: nothing.
        SystemdNotifier systemd = SystemdNotifier.create(() -> running.stream().allMatch(EdgeAgent::isHealthy));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            systemd.close();
            running.forEach(EdgeAgent::close);
            stopped.countDown();
        }, "agent-shutdown"));
        for (int i = 0; i < nodes.size(); i++) {
            NodeConfig node = nodes.get(i);
            try {
                running.add(EdgeAgent.start(node, java.util.Optional.of(configs.get(i)), version()));
            } catch (IllegalArgumentException | StorageException e) {
                System.err.println("relais-agent: node " + node.node() + ": " + e.getMessage());
                return CONFIG_ERROR;
            }
            LoggerFactory.getLogger(AgentMain.class).info("node {} of site {} started with {} device(s)", node.node(), node.site().id(),
                    node.devices().size());
        }
        systemd.start();
        if (burst > 0 && !running.isEmpty()) {
            EdgeAgent first = running.get(0);
            Burst.Result result = Burst.store(first.emitter(), first.envelopes(), burst);
            // One line for the benchmark harness to read.
            System.out.printf(java.util.Locale.ROOT, "burst: stored=%d seconds=%.3f per_s=%.0f db_bytes=%d refused=%d%n",
                    result.messages(), result.nanos() / 1e9, result.perSecond(), first.database().sizeOnDisk(),
                    result.refused());
            System.out.flush();
        }
        stopped.await();
        return 0;
    }

    static String version() {
        String version = AgentMain.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** Prints the agent's version for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"relais-agent " + version()};
        }
    }
}
