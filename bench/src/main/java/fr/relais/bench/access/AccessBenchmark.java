package fr.relais.bench.access;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./relais bench access}: how long a site's full list takes from the hub's change to a
 * node's verified list ({@link fr.relais.bench.AccessListSync}), then reads at the doors ({@link DoorReadsRun}, in a
 * JVM with the Pi's options). One line:
 * {@code access: badges=… reads=… p50_ms=… p99_ms=… max_ms=… wrong_decisions=0 list_sync_ms=…}.
 */
@Command(name = "access", mixinStandardHelpOptions = true,
        description = "Door decisions: a signed list of N badges synced hub to node, then reads from the reader's"
                + " pins to the relay in a JVM with the Pi's options.")
public final class AccessBenchmark implements Callable<Integer> {
    private static final Pattern READS = Pattern.compile("door-reads: reads=(\\d+) p50_ms=([\\d.]+) p99_ms=([\\d.]+)"
            + " max_ms=([\\d.]+) wrong_decisions=(\\d+) relay_misses=(\\d+) frame_timeout_ms=(\\d+) frames_lost=(\\d+) timer_p50_ms=([\\d.]+) timer_p99_ms=([\\d.]+) reasons=(\\S+)");

    @Option(names = "--badges", defaultValue = "10000", description = "Badges in the list (default ${DEFAULT-VALUE}).")
    int badges;

    @Option(names = "--reads", defaultValue = "100000", description = "Reads at the doors (default ${DEFAULT-VALUE}).")
    int reads;

    @Option(names = "--jvm-options", defaultValue = "edge-agent/packaging/agent.jvm.options",
            description = "The agent's JVM options, as on a Pi (default ${DEFAULT-VALUE}).")
    Path jvmOptions;

    @Option(names = "--agent-jar", defaultValue = "edge-agent/target/relais-agent.jar")
    Path agentJar;

    @Option(names = "--no-sync", description = "Skip the hub-to-node list sync (reads only).")
    boolean noSync;

    @Override
    public Integer call() throws Exception {
        String listSync = noSync ? "skipped"
                : Long.toString(fr.relais.bench.AccessListSync.measure(badges, agentJar, jvmOptions));
        Matcher doors = doorReads();
        long wrong = Long.parseLong(doors.group(5)) + Long.parseLong(doors.group(6));
        System.out.printf(Locale.ROOT, "access: badges=%d reads=%s p50_ms=%s p99_ms=%s max_ms=%s wrong_decisions=%d"
                        + " list_sync_ms=%s frame_timeout_ms=%s frames_lost=%s reference_timer_p50_ms=%s reference_timer_p99_ms=%s"
                        + " reasons=%s%n", badges, doors.group(1), doors.group(2), doors.group(3), doors.group(4), wrong,
                listSync, doors.group(7), doors.group(8), doors.group(9), doors.group(10), doors.group(11));
        return wrong == 0 ? 0 : 1;
    }

    private Matcher doorReads() throws Exception {
        Path jar = Path.of(DoorReadsRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + jvmOptions.toAbsolutePath(), "-cp", jar.toString(), DoorReadsRun.class.getName(),
                Integer.toString(badges), Integer.toString(reads)));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String found = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("door-reads:")) {
                    found = line;
                }
            }
        }
        int status = process.waitFor();
        Matcher matcher = found == null ? null : READS.matcher(found);
        if (status != 0 || matcher == null || !matcher.find()) {
            throw new IllegalStateException("the door JVM ended with status " + status + " and said " + found);
        }
        return matcher;
    }
}
