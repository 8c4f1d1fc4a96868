package fr.relais.agent.device.badge;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Two connected pseudo-terminals made by {@code socat}, standing for a serial badge reader and
 * the agent's port: the test writes frames on {@link #readerSide()}, the driver reads
 * {@link #agentSide()} through jSerialComm as it would read {@code /dev/ttyUSB0}. Stopping it is
 * unplugging the reader: socat removes both links, and the agent's side reads an error.
 */
final class SocatPair implements AutoCloseable {
    private final Path agentSide;
    private final Path readerSide;
    private final Path log;
    private Process process;
    private OutputStream reader;

    private SocatPair(Path dir) {
        this.agentSide = dir.resolve("ttyAgent");
        this.readerSide = dir.resolve("ttyReader");
        this.log = dir.resolve("socat.log");
    }

    /** Starts socat in {@code dir}; fails (never skips) when socat is not installed. */
    static SocatPair start(Path dir) throws IOException {
        SocatPair pair = new SocatPair(dir);
        pair.plugIn();
        return pair;
    }

    Path agentSide() {
        return agentSide;
    }

    Path readerSide() {
        return readerSide;
    }

    /** Starts socat (again, after {@link #unplug}); returns once both links exist. */
    void plugIn() throws IOException {
        String socat = binary();
        process = new ProcessBuilder(socat, "-d", "-d",
                "pty,raw,echo=0,link=" + agentSide, "pty,raw,echo=0,link=" + readerSide)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!(Files.exists(agentSide) && Files.exists(readerSide))) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("socat did not make its ptys: " + Files.readString(log));
            }
            sleep();
        }
    }

    /** Writes bytes as the reader sends them. */
    void send(byte[] bytes) throws IOException {
        if (reader == null) {
            reader = Files.newOutputStream(readerSide);
        }
        reader.write(bytes);
        reader.flush();
    }

    /** Stops this pair's socat (its own process, by handle), which removes both links. */
    void unplug() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        Files.deleteIfExists(agentSide);
        Files.deleteIfExists(readerSide);
    }

    @Override
    public void close() throws IOException {
        unplug();
    }

    private static String binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            File candidate = new File(dir, "socat");
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        for (String dir : new String[] {"/usr/bin", "/usr/local/bin"}) {
            if (new File(dir, "socat").canExecute()) {
                return dir + "/socat";
            }
        }
        throw new AssertionError("socat is not installed; the serial badge reader tests need it: apt-get install socat");
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
