package fr.relais.bench.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A recording read back into a few lines: the CPU by thread group (Linux's count, and JFR's Java
 * samples), the hub threads' hot methods, hub code and libraries, the JIT's work, the allocation
 * sites, GC pauses and the longest waits for a lock or a park. Every line starts with {@code profile:}.
 */
public final class ProfileSummary {
    private static final Duration CONTENTION_THRESHOLD = Duration.ofMillis(10);
    private static final String IDLE_POOL = "java.util.concurrent.ThreadPoolExecutor.getTask";

    private final ThreadGroups groups;
    private final Map<String, Tally> samplesByGroup = new LinkedHashMap<>();
    private final Map<String, Tally> hot = new HashMap<>();
    private final Map<String, Tally> hubCode = new HashMap<>();
    private final Map<String, Tally> libraries = new HashMap<>();
    private final Map<String, Tally> compilations = new HashMap<>();
    private final Map<String, Tally> allocations = new HashMap<>();
    private final Map<String, Double> allocationByGroup = new HashMap<>();
    private final Map<String, Tally> contention = new HashMap<>();
    private final Map<String, Integer> collections = new LinkedHashMap<>();
    private long hubSamples;
    private double allocated;
    private double pauses;
    private double longestPause;
    private double heapAfterGc;
    private double jvmLoad;
    private double machineLoad;
    private int loads;
    private double idleParks;

    private ProfileSummary(ThreadGroups groups) {
        this.groups = groups;
        ThreadGroups.ALL.forEach(group -> samplesByGroup.put(group, new Tally()));
    }

    /**
     * @param threads each thread's CPU over the recording ({@link ThreadCpu})
     * @param seconds how long the recording ran
     */
    public static List<String> of(Path jfr, ThreadGroups groups, List<ThreadCpu.Use> threads, double seconds)
            throws IOException {
        ProfileSummary summary = new ProfileSummary(groups);
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                summary.add(file.readEvent());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(format("profile: JFR recording (JDK 'profile' settings) of the hub phase, %.1f s, in %s"
                + " (open it in JDK Mission Control or with 'jfr print')", seconds, jfr));
        summary.cpu(lines, threads, seconds);
        summary.methods(lines);
        summary.memory(lines, seconds, ThreadCpu.byGroup(threads).get(ThreadGroups.GC));
        return lines;
    }

    private void add(RecordedEvent event) {
        switch (event.getEventType().getName()) {
            case "jdk.ExecutionSample" -> sample(event);
            case "jdk.ObjectAllocationSample" -> allocation(event);
            case "jdk.Compilation" -> compilation(event);
            case "jdk.GarbageCollection" -> {
                collections.merge(event.getString("name"), 1, Integer::sum);
                pauses += millis(event.getDuration("sumOfPauses"));
                longestPause = Math.max(longestPause, millis(event.getDuration("longestPause")));
            }
            case "jdk.GCHeapSummary" -> {
                if ("After GC".equals(event.getString("when"))) {
                    heapAfterGc = Math.max(heapAfterGc, event.getLong("heapUsed"));
                }
            }
            case "jdk.CPULoad" -> {
                jvmLoad += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                machineLoad += event.getFloat("machineTotal");
                loads++;
            }
            case "jdk.JavaMonitorEnter" -> wait(event, "lock " + Frames.className(event.getClass("monitorClass")));
            case "jdk.ThreadPark" -> wait(event, "park " + Frames.className(event.getClass("parkedClass")));
            default -> {
            }
        }
    }

    /** The JIT's work, by the compiled code's library (the hub's own, the JDK's). */
    private void compilation(RecordedEvent event) {
        RecordedMethod method = event.getValue("method");
        String type = method == null ? "?" : Frames.className(method.getType());
        String key = type.startsWith("fr.relais.hub.") ? "fr.relais.hub" : Frames.library(type).orElse("the JDK");
        Tally.add(compilations, key, "JIT", millis(event.getDuration()));
    }

    private void sample(RecordedEvent event) {
        RecordedStackTrace stack = event.getStackTrace();
        String group = groups.of(threadName(event.getThread("sampledThread")), stack);
        samplesByGroup.get(group).add(group, 1);
        if (!ThreadGroups.isHub(group) || stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        hubSamples++;
        Tally.add(hot, Frames.method(stack.getFrames().get(0)), group, 1);
        // Inclusive: each hub method (lambdas aside) and each library once per sample, wherever on the stack.
        stack.getFrames().stream().map(Frames::method)
                .filter(m -> m.startsWith("fr.relais.hub.") && !m.contains("$$Lambda") && !m.contains(".lambda$"))
                .distinct().forEach(m -> Tally.add(hubCode, m, group, 1));
        Frames.libraries(stack).forEach(library -> Tally.add(libraries, library, group, 1));
    }

    private void allocation(RecordedEvent event) {
        RecordedStackTrace stack = event.getStackTrace();
        String group = groups.of(threadName(event.getThread("eventThread")), stack);
        double weight = event.getLong("weight");
        allocated += weight;
        allocationByGroup.merge(group, weight, Double::sum);
        String site = Frames.className(event.getClass("objectClass")) + " in " + Frames.site(stack);
        String hub = Frames.hubFrame(stack);
        Tally.add(allocations, hub != null && !site.endsWith(hub) ? site + " ← " + hub : site, group, weight);
    }

    private void wait(RecordedEvent event, String what) {
        if (event.getDuration().compareTo(CONTENTION_THRESHOLD) < 0) {
            return;
        }
        RecordedStackTrace stack = event.getStackTrace();
        String group = groups.of(threadName(event.getThread()), stack);
        if (!ThreadGroups.isHub(group)) {
            return;
        }
        if (Frames.has(stack, IDLE_POOL)) {
            idleParks += millis(event.getDuration());
        } else {
            Tally.add(contention, what + " in " + Frames.site(stack), group, millis(event.getDuration()));
        }
    }

    private void cpu(List<String> lines, List<ThreadCpu.Use> threads, double seconds) {
        StringBuilder line = new StringBuilder(cpuLine("profile: CPU by thread group (Linux's count, s):", threads,
                seconds));
        if (loads > 0) {
            line.append(format("; machine busy %.0f%%, this JVM %.0f%% (the rest: mosquitto and others)",
                    100 * machineLoad / loads, 100 * jvmLoad / loads));
        }
        lines.add(line.toString());
        StringBuilder busiest = new StringBuilder(format("profile: the hub's busiest threads over the %.1f s"
                + " (on a CPU / waiting for a free CPU / asleep or blocked):", seconds));
        threads.stream().filter(use -> ThreadGroups.isHub(use.group()) && use.cpu() >= 0.1)
                .sorted(Comparator.comparingDouble(ThreadCpu.Use::cpu).reversed()).limit(6)
                .forEach(use -> busiest.append(format(" %s %.1f / %.1f / %.1f s;", use.name(), use.cpu(),
                        use.runQueue(), Math.max(0, seconds - use.cpu() - use.runQueue()))));
        lines.add(busiest.toString());
        long samples = samplesByGroup.values().stream().mapToLong(t -> t.count).sum();
        StringBuilder sampled = new StringBuilder(format("profile: Java samples by thread group (jdk.ExecutionSample,"
                + " %d in all; native code and GC threads are not sampled):", samples));
        samplesByGroup.entrySet().stream().filter(e -> e.getValue().count > 0)
                .sorted(Comparator.comparingLong((Map.Entry<String, Tally> e) -> e.getValue().count).reversed())
                .forEach(e -> sampled.append(format(" %s %d (%.0f%%);", e.getKey(), e.getValue().count,
                        100.0 * e.getValue().count / samples)));
        lines.add(sampled.toString());
        double compiling = compilations.values().stream().mapToDouble(t -> t.weight).sum();
        long compiled = compilations.values().stream().mapToLong(t -> t.count).sum();
        StringBuilder jit = new StringBuilder(format("profile: JIT: %d compilations taking %.1f s (wall time,"
                + " the CPU is the JIT compilers' line above); by the compiled code's package:", compiled, compiling / 1000));
        Tally.top(compilations, 6).forEach(e -> jit.append(format(" %s %.1f s;", e.getKey(), e.getValue().weight / 1000)));
        lines.add(jit.toString());
    }

    /** The CPU of each thread group over a span, heaviest first, and this JVM's in cores. */
    static String cpuLine(String title, List<ThreadCpu.Use> threads, double seconds) {
        Map<String, Double> cpu = ThreadCpu.byGroup(threads);
        double jvm = cpu.entrySet().stream().filter(e -> !e.getKey().equals(ThreadGroups.BROKER))
                .mapToDouble(Map.Entry::getValue).sum();
        StringBuilder line = new StringBuilder(title);
        cpu.entrySet().stream().filter(e -> e.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> line.append(format(" %s %.1f;", e.getKey(), e.getValue())));
        line.append(format(" this JVM %.1f s = %.2f cores", jvm, seconds > 0 ? jvm / seconds : 0));
        return line.toString();
    }

    private void methods(List<String> lines) {
        lines.add(format("profile: hub threads' hot methods (top frame, share of their %d Java samples):", hubSamples));
        Tally.top(hot, 15).forEach(e -> lines.add(share(e, hubSamples)));
        lines.add("profile: hub code under those samples (inclusive: the method and what it calls):");
        Tally.top(hubCode, 12).forEach(e -> lines.add(share(e, hubSamples)));
        lines.add("profile: libraries under those samples (inclusive):");
        Tally.top(libraries, 8).forEach(e -> lines.add(share(e, hubSamples)));
    }

    private void memory(List<String> lines, double seconds, double gcCpu) {
        double hubAllocated = allocationByGroup.entrySet().stream().filter(e -> ThreadGroups.isHub(e.getKey()))
                .mapToDouble(Map.Entry::getValue).sum();
        StringBuilder byGroup = new StringBuilder();
        allocationByGroup.entrySet().stream().filter(e -> e.getValue() >= allocated / 200)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> byGroup.append(byGroup.length() > 0 ? ", " : "")
                        .append(format("%s %.0f%%", e.getKey(), 100 * e.getValue() / allocated)));
        lines.add(format("profile: allocation (jdk.ObjectAllocationSample weight): %.0f MB, %.0f MB/s; hub threads"
                        + " %.0f%% (%s); top sites:", allocated / 1e6, seconds > 0 ? allocated / 1e6 / seconds : 0,
                allocated > 0 ? 100 * hubAllocated / allocated : 0, byGroup));
        Tally.top(allocations, 10).forEach(e -> lines.add(share(e, allocated)));
        int count = collections.values().stream().mapToInt(Integer::intValue).sum();
        lines.add(format("profile: GC: %d collections %s, pauses %.0f ms in all (%.1f%% of the phase), longest %.1f ms;"
                        + " heap after GC at most %.0f MB; GC threads' CPU %.1f s", count, collections, pauses,
                seconds > 0 ? pauses / 10 / seconds : 0, longestPause, heapAfterGc / 1e6, gcCpu));
        lines.add(format("profile: hub threads waiting ≥ 10 ms for a lock or in a park (jdk.JavaMonitorEnter,"
                + " jdk.ThreadPark; idle pool threads left out, %.0f s):", idleParks / 1000));
        Tally.top(contention, 5).forEach(e -> lines.add(format("profile:   %7.0f ms  %5dx  longest %.0f ms  %s  [%s]",
                e.getValue().weight, e.getValue().count, e.getValue().longest, e.getKey(), e.getValue().group())));
    }

    private static String share(Map.Entry<String, Tally> e, double of) {
        return format("profile:   %5.1f%%  %s  [%s]", of > 0 ? 100 * e.getValue().weight / of : 0, e.getKey(),
                e.getValue().group());
    }

    private static String threadName(RecordedThread thread) {
        if (thread == null) {
            return null;
        }
        return thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
    }

    private static double millis(Duration duration) {
        return duration == null ? 0 : duration.toNanos() / 1e6;
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
