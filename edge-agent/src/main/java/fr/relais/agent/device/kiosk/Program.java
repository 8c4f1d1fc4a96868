package fr.relais.agent.device.kiosk;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command line of the configuration: its words go to the program as they are, never to a
 * shell, so nothing in them is interpreted. Bounded by a timeout, after which the program and
 * whatever it started are killed.
 */
final class Program {
    /** Far more than {@code systemctl show} prints; a program printing more is cut to its end. */
    static final int MAX_OUTPUT = 64 * 1024;

    private Program() {
    }

    /** @throws InterruptedException after killing the program, when the caller is interrupted */
    static ProgramResult run(List<String> command, Duration timeout) throws InterruptedException {
        Path output;
        Process process;
        try {
            // To a file, not a pipe: a program printing more than a pipe holds would block forever.
            output = Files.createTempFile("relais-kiosk-watch-", ".out");
        } catch (IOException e) {
            return ProgramResult.failed(command, "cannot make a temporary file for its output: " + e.getMessage());
        }
        try {
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            } catch (IOException e) {
                return ProgramResult.failed(command, "cannot run " + command.get(0) + ": " + e.getMessage());
            }
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill(process);
                    return ProgramResult.failed(command, command.get(0) + " did not finish within "
                            + timeout.toSeconds() + " s and was killed");
                }
            } catch (InterruptedException e) {
                kill(process);
                throw e;
            }
            return ProgramResult.finished(command, process.exitValue(), read(output));
        } finally {
            try {
                Files.deleteIfExists(output);
            } catch (IOException e) {
                // A leftover file in the service's private /tmp.
            }
        }
    }

    /** The program and its children: a shell script's sleep would otherwise live on. */
    private static void kill(Process process) {
        // Listed before the parent dies: its orphans are no longer its descendants afterwards.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static String read(Path output) {
        try (RandomAccessFile file = new RandomAccessFile(output.toFile(), "r")) {
            long start = Math.max(0, file.length() - MAX_OUTPUT);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
