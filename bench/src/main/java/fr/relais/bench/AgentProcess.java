package fr.relais.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The edge agent in its own JVM, started the way a Pi starts it (same jar, same JVM options),
 * so that its memory is its own and measurable.
 */
public final class AgentProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path log;

    private AgentProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::readOutput, "agent-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static AgentProcess start(Path jar, Path jvmOptions, Path log, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new AgentProcess(process, log);
    }

    /** Waits for a line of the agent's output that starts with {@code prefix}. */
    public Optional<String> awaitLine(String prefix, long timeoutSeconds) throws InterruptedException {
        return awaitMatching(line -> line.startsWith(prefix), timeoutSeconds);
    }

    /** Waits for a line of the agent's output that contains {@code text} (a log line, after its time stamp). */
    public Optional<String> awaitLineContaining(String text, long timeoutSeconds) throws InterruptedException {
        return awaitMatching(line -> line.contains(text), timeoutSeconds);
    }

    private Optional<String> awaitMatching(java.util.function.Predicate<String> wanted, long timeoutSeconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && wanted.test(line)) {
                return Optional.of(line);
            }
            if (line == null && !process.isAlive()) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The most memory the process has held (VmHWM), in bytes; 0 where /proc cannot tell. */
    public long peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("agent output lost: " + e.getMessage());
        }
    }
}
