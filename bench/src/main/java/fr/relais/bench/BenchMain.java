package fr.relais.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code ./relais bench …}: each benchmark prints one summary line on stdout. */
@Command(name = "relais-bench", mixinStandardHelpOptions = true,
        description = "Measures Relais across real processes and prints one summary line.",
        subcommands = {OutboxBenchmark.class, IngestBenchmark.class, fr.relais.bench.access.AccessBenchmark.class,
                fr.relais.bench.dashboard.DashboardBenchmark.class, LiveBenchmark.class,
                fr.relais.bench.agent.AgentBenchmark.class})
public final class BenchMain implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
