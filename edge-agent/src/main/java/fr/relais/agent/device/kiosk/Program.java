package fr.relais.agent.device.kiosk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command line of the configuration: its words go to the program as they are, never to a
 * shell, so nothing in them is interpreted. Bounded by a timeout, after which the program and
 * whatever it started are killed.
 *
 * <p>The output is read through a pipe by a thread of its own, not through a temporary file: the
 * status command runs at every poll, and a file made and deleted every few seconds would be
 * metadata written to the SD card all day.
 */
final class Program {
    /** Far more than {@code systemctl show} prints; a program printing more is cut to its end. */
    static final int MAX_OUTPUT = 64 * 1024;
    /** How long the output may still come after the program ended (a child holding the pipe). */
    private static final long DRAIN_MILLIS = 1_000;

    private Program() {
    }

    /** @throws InterruptedException after killing the program, when the caller is interrupted */
    static ProgramResult run(List<String> command, Duration timeout) throws InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            return ProgramResult.failed(command, "cannot run " + command.get(0) + ": " + e.getMessage());
        }
        OutputTail output = new OutputTail(process.getInputStream());
        Thread reader = new Thread(output, "program-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                return ProgramResult.failed(command, command.get(0) + " did not finish within "
                        + timeout.toSeconds() + " s and was killed");
            }
            reader.join(DRAIN_MILLIS);
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
        return ProgramResult.finished(command, process.exitValue(), output.text());
    }

    /** The program and its children: a shell script's sleep would otherwise live on, holding the pipe. */
    private static void kill(Process process) {
        // Listed before the parent dies: its orphans are no longer its descendants afterwards.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /** Reads a program's output to its end, keeping the last {@link #MAX_OUTPUT} bytes. */
    private static final class OutputTail implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        OutputTail(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (in) {
                int read;
                while ((read = in.read(chunk)) >= 0) {
                    append(chunk, read);
                }
            } catch (IOException e) {
                // The program was killed, or its output closed: what was read is kept.
            }
        }

        private synchronized void append(byte[] chunk, int length) {
            kept.write(chunk, 0, length);
            if (kept.size() > 2 * MAX_OUTPUT) {
                byte[] all = kept.toByteArray();
                kept.reset();
                kept.write(all, all.length - MAX_OUTPUT, MAX_OUTPUT);
            }
        }

        synchronized String text() {
            byte[] all = kept.toByteArray();
            byte[] tail = all.length <= MAX_OUTPUT ? all : Arrays.copyOfRange(all, all.length - MAX_OUTPUT, all.length);
            return new String(tail, StandardCharsets.UTF_8);
        }
    }
}
