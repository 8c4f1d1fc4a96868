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
 * metadata written to the SD card all day. That thread only reads what the pipe already holds:
 * a child that escaped the kill (double fork, setsid) may keep the pipe open for ever, and a read
 * blocked on it could be ended neither by closing the stream nor by an interrupt.
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
        OutputTail output = new OutputTail(process);
        Thread reader = new Thread(output, "program-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                stop(process, reader);
                return ProgramResult.failed(command, command.get(0) + " did not finish within "
                        + timeout.toSeconds() + " s and was killed");
            }
            reader.join(DRAIN_MILLIS);
        } catch (InterruptedException e) {
            kill(process);
            closeOutput(process);
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

    /** Ends the output's thread: closing the stream makes its next look at the pipe fail. */
    private static void stop(Process process, Thread reader) throws InterruptedException {
        closeOutput(process);
        reader.join(DRAIN_MILLIS);
    }

    private static void closeOutput(Process process) {
        try {
            process.getInputStream().close();
        } catch (IOException e) {
            // Already closed: nothing more to release.
        }
    }

    /** Reads a program's output to its end, keeping the last {@link #MAX_OUTPUT} bytes. */
    private static final class OutputTail implements Runnable {
        /** How long the thread waits before looking at the pipe again while the program runs. */
        private static final long LOOK_MILLIS = 10;
        private final Process process;
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        OutputTail(Process process) {
            this.process = process;
            this.in = process.getInputStream();
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (in) {
                while (true) {
                    int ready = in.available();
                    if (ready > 0) {
                        append(chunk, in.read(chunk, 0, Math.min(ready, chunk.length)));
                    } else if (process.isAlive()) {
                        Thread.sleep(LOOK_MILLIS);
                    } else {
                        // Dead and nothing left: all it wrote was read; what an orphan may write later is not its output.
                        return;
                    }
                }
            } catch (IOException e) {
                // The program was killed, or its output closed: what was read is kept.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private synchronized void append(byte[] chunk, int length) {
            if (length <= 0) {
                return;
            }
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
