package fr.relais.hub.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * For {@link WriterCpuHarness}: the CPU seconds a local PostgreSQL server has used so far, from
 * /proc (its postmaster's own and its ended children's, plus its live children's), or NaN when no
 * local server's pid file is found. Debian's layout: /var/run/postgresql/*.pid.
 */
final class PostgresCpu {
    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private PostgresCpu() {
    }

    static double seconds() {
        try (var pids = Files.list(Path.of("/var/run/postgresql"))) {
            List<Path> files = pids.filter(p -> p.getFileName().toString().endsWith(".pid")).toList();
            if (files.size() != 1) {
                return Double.NaN;
            }
            long postmaster = Long.parseLong(Files.readAllLines(files.get(0)).get(0).trim());
            long ticks = ticks(postmaster, true);
            try (var tasks = Files.list(Path.of("/proc"))) {
                for (Path task : tasks.toList()) {
                    String name = task.getFileName().toString();
                    if (name.chars().allMatch(Character::isDigit) && parent(task) == postmaster) {
                        ticks += ticks(Long.parseLong(name), false);
                    }
                }
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Fields after the command's closing parenthesis: 0 state, 1 ppid, 11 utime, 12 stime, 13 cutime, 14 cstime. */
    private static String[] stat(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    private static long ticks(long pid, boolean withEndedChildren) {
        try {
            String[] fields = stat(pid);
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return withEndedChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
        } catch (IOException | RuntimeException e) {
            return 0; // ended meanwhile
        }
    }

    private static long parent(Path task) {
        try {
            return Long.parseLong(stat(Long.parseLong(task.getFileName().toString()))[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
