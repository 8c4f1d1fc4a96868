package fr.relais.agent.device.badge;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A named pipe standing for a keyboard-wedge reader's evdev device: the test writes input_event
 * records, the driver reads them as from {@code /dev/input/by-id/…-event-kbd}. The pipe appears
 * under its name only once the test holds it open for writing, so the driver never opens a pipe
 * without writer; unplugging removes the name, then closes the writer (the driver reads the end
 * of the stream).
 */
final class FifoReader implements AutoCloseable {
    private final Path path;
    private RandomAccessFile writer;

    FifoReader(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    FifoReader plugIn() throws IOException, InterruptedException {
        Path staging = path.resolveSibling(path.getFileName() + ".new");
        Process mkfifo = new ProcessBuilder("mkfifo", staging.toString()).inheritIO().start();
        if (mkfifo.waitFor() != 0) {
            throw new IOException("mkfifo " + staging + " failed");
        }
        // Read-write: opening a FIFO so never blocks, and the driver then always has a writer.
        writer = new RandomAccessFile(staging.toFile(), "rw");
        Files.move(staging, path, StandardCopyOption.ATOMIC_MOVE);
        return this;
    }

    void send(byte[] bytes) throws IOException {
        writer.write(bytes);
    }

    void unplug() throws IOException {
        Files.deleteIfExists(path);
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    @Override
    public void close() throws IOException {
        unplug();
    }
}
