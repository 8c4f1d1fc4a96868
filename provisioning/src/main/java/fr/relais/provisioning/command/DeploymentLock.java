package fr.relais.provisioning.command;

import fr.relais.provisioning.deploy.DeploymentException;
import fr.relais.provisioning.deploy.DeploymentLayout;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One command at a time per deployment folder: two renders, or an init racing another, would
 * mix one run's CA key with the other's certificate, or write files with passwords the store
 * did not keep. The lock is the operating system's, so it goes with the process.
 */
final class DeploymentLock implements AutoCloseable {
    static final String FILE = ".relais-provision.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DeploymentLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DeploymentLock take(DeploymentLayout layout) throws IOException, DeploymentException {
        Files.createDirectories(layout.root());
        Path file = layout.root().resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new DeploymentException("another relais provision command is working on " + layout.root()
                    + ": wait for it to finish");
        }
        return new DeploymentLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
