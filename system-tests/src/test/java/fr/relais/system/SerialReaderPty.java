package fr.relais.system;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A serial badge reader sending its numbers as lines of text, made of two pseudo-terminals joined
 * by {@code socat}: the agent process opens {@link #agentSide()} as it opens {@code /dev/ttyUSB0}
 * on a Pi ({@code serial-badge} driver, {@code format: line}); the test writes what the reader
 * would send on the other side. Fails, never skips, when socat is missing.
 */
final class SerialReaderPty implements AutoCloseable {
    private final Process process;
    private final Path agentSide;
    private final OutputStream reader;

    private SerialReaderPty(Process process, Path agentSide, OutputStream reader) {
        this.process = process;
        this.agentSide = agentSide;
        this.reader = reader;
    }

    /** Starts socat in {@code dir}; returns once both ends exist. */
    static SerialReaderPty start(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path agentSide = dir.resolve("ttyAgent");
        Path readerSide = dir.resolve("ttyReader");
        Path log = dir.resolve("socat.log");
        Process process = new ProcessBuilder(socat(), "-d", "-d",
                "pty,raw,echo=0,link=" + agentSide, "pty,raw,echo=0,link=" + readerSide)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await("socat's two ptys").atMost(Duration.ofSeconds(10)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("socat stopped: " + Files.readString(log));
                }
                return Files.exists(agentSide) && Files.exists(readerSide);
            });
            return new SerialReaderPty(process, agentSide, Files.newOutputStream(readerSide));
        } catch (RuntimeException | IOException e) {
            process.destroy();
            throw e;
        }
    }

    /** The port the agent's {@code serial-badge} device opens. */
    Path agentSide() {
        return agentSide;
    }

    /** A card on the reader: its number and an end of line, as a USB reader in serial mode sends it. */
    void card(String number) throws IOException {
        send(number + "\r\n");
    }

    /** Raw text, garbage included, as a faulty reader or a bad cable may send. */
    void send(String text) throws IOException {
        reader.write(text.getBytes(StandardCharsets.ISO_8859_1));
        reader.flush();
    }

    /** Stops this socat (its own process, by handle): both links go away. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            reader.close();
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static String socat() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/usr/local/bin")
                .split(File.pathSeparator)) {
            File candidate = new File(dir, "socat");
            if (!dir.isEmpty() && candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        throw new AssertionError("socat is not installed; CoworkingKioskIT feeds the kiosk's serial badge reader"
                + " through it: apt-get install socat");
    }
}
