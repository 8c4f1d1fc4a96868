package fr.relais.bench.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the kernel and the JVM tell about another process: CPU, bytes written, memory, heap. */
final class ProcessMeter {
    private static final Pattern WRITE_BYTES = Pattern.compile("(?m)^write_bytes:\\s*(\\d+)\\s*$");
    /** SerialGC's "def new generation" and "tenured generation", G1's "garbage-first heap": the used part. */
    private static final Pattern HEAP_USED = Pattern.compile("(?:generation|heap)\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");

    private final long pid;

    ProcessMeter(long pid) {
        this.pid = pid;
    }

    /** One reading: when, CPU time so far (user and system), bytes written to storage so far. */
    record Sample(long nanos, double cpuSeconds, long writeBytes) {
        DayScaling.Measure since(Sample earlier) {
            return new DayScaling.Measure((nanos - earlier.nanos) / 1e9, cpuSeconds - earlier.cpuSeconds,
                    writeBytes - earlier.writeBytes);
        }
    }

    Sample sample() throws IOException {
        long now = System.nanoTime();
        Duration cpu = ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration())
                .orElseThrow(() -> new IOException("the CPU time of process " + pid + " cannot be read"));
        return new Sample(now, cpu.toNanos() / 1e9, writeBytes(read("io")));
    }

    /** {@code VmHWM} (the most it has held) or {@code VmRSS} (now) from /proc/PID/status, in bytes. */
    long memory(String field) throws IOException {
        for (String line : read("status").split("\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IOException("no " + field + " in /proc/" + pid + "/status");
    }

    /** Runs a full collection in the process, then returns the heap it still uses, in bytes. */
    long heapAfterGc(Path javaHome) throws IOException, InterruptedException {
        String jcmd = javaHome.resolve("bin").resolve("jcmd").toString();
        run(List.of(jcmd, Long.toString(pid), "GC.run"));
        return heapUsedBytes(run(List.of(jcmd, Long.toString(pid), "GC.heap_info")));
    }

    static long writeBytes(String procIo) throws IOException {
        Matcher matcher = WRITE_BYTES.matcher(procIo);
        if (!matcher.find()) {
            throw new IOException("no write_bytes line in /proc/PID/io: '" + procIo.strip() + "'");
        }
        return Long.parseLong(matcher.group(1));
    }

    static long heapUsedBytes(String heapInfo) throws IOException {
        Matcher matcher = HEAP_USED.matcher(heapInfo);
        long kilobytes = 0;
        boolean found = false;
        while (matcher.find()) {
            kilobytes += Long.parseLong(matcher.group(1));
            found = true;
        }
        if (!found) {
            throw new IOException("GC.heap_info said nothing about the heap's use: '" + heapInfo.strip() + "'");
        }
        return kilobytes * 1024;
    }

    private String read(String file) throws IOException {
        return Files.readString(Path.of("/proc", Long.toString(pid), file), StandardCharsets.UTF_8);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
