package fr.relais.bench.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The CPU time of every thread of this process, Java's and the JVM's own (GC, compilers), as
 * Linux counts it in /proc/self/task, and the time each waited for a free CPU: what JFR's samples
 * do not see (native code such as SQLite's, GC threads). Elsewhere than Linux, an empty snapshot.
 */
public final class ThreadCpu {
    private static final Path TASKS = Path.of("/proc/self/task");
    /** Linux's clock ticks per second for /proc's utime and stime (USER_HZ). */
    private static final double TICKS_PER_SECOND = 100;

    /** A thread's CPU and run-queue wait in seconds (the wait is 0 where the kernel does not keep it). */
    record Task(String name, double cpu, double runQueue) {
    }

    /** One thread's figures over a span. */
    public record Use(String name, String group, double cpu, double runQueue) {
    }

    private final Map<String, Task> tasks;
    private final double children;

    private ThreadCpu(Map<String, Task> tasks, double children) {
        this.tasks = tasks;
        this.children = children;
    }

    /** The CPU of the processes this one started and that still run (the bench's mosquitto). */
    private static double children() {
        return ProcessHandle.current().descendants().mapToDouble(child -> child.info().totalCpuDuration()
                .map(duration -> duration.toNanos() / 1e9).orElse(0.0)).sum();
    }

    public static ThreadCpu now() {
        Map<String, Task> tasks = new HashMap<>();
        double children = children();
        if (!Files.isDirectory(TASKS)) {
            return new ThreadCpu(tasks, children);
        }
        try (Stream<Path> list = Files.list(TASKS)) {
            list.forEach(task -> read(task).ifPresent(t -> tasks.put(task.getFileName().toString(), t)));
        } catch (IOException | RuntimeException e) {
            // A thread that ended between the listing and the read: the others still count.
        }
        return new ThreadCpu(tasks, children);
    }

    private static Optional<Task> read(Path task) {
        try {
            String name = Files.readString(task.resolve("comm")).strip();
            String stat = Files.readString(task.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
            double runQueue = 0;
            // Nanoseconds on the CPU and waiting for one, finer than the ticks, where the kernel keeps them.
            Path schedstat = task.resolve("schedstat");
            if (Files.isReadable(schedstat)) {
                String[] sched = Files.readString(schedstat).strip().split(" ");
                cpu = Math.max(cpu, Long.parseLong(sched[0]) / 1e9);
                runQueue = Long.parseLong(sched[1]) / 1e9;
            }
            return Optional.of(new Task(name, cpu, runQueue));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Each thread's use since {@code before} (a thread started since counts from zero). */
    public List<Use> since(ThreadCpu before, ThreadGroups groups) {
        List<Use> uses = new ArrayList<>();
        tasks.forEach((id, task) -> {
            Task earlier = before.tasks.get(id);
            if (earlier != null && !earlier.name().equals(task.name())) {
                earlier = null;
            }
            double cpu = Math.max(0, task.cpu() - (earlier != null ? earlier.cpu() : 0));
            double wait = Math.max(0, task.runQueue() - (earlier != null ? earlier.runQueue() : 0));
            uses.add(new Use(task.name(), groups.of(task.name()), cpu, wait));
        });
        uses.add(new Use("mosquitto", ThreadGroups.BROKER, Math.max(0, children - before.children), 0));
        return uses;
    }

    /** Seconds of CPU per group, every group present. */
    public static Map<String, Double> byGroup(List<Use> uses) {
        Map<String, Double> byGroup = new LinkedHashMap<>();
        ThreadGroups.ALL.forEach(group -> byGroup.put(group, 0.0));
        uses.forEach(use -> byGroup.merge(use.group(), use.cpu(), Double::sum));
        return byGroup;
    }
}
