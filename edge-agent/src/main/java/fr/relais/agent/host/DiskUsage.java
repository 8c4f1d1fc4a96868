package fr.relais.agent.host;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How full the filesystem holding the agent's SQLite file is: when it is full the outbox can no
 * longer store anything. Computed as {@code df} does (used over used plus available to ordinary
 * users), so the figure matches what a technician sees on the Pi, and 100 % means the agent,
 * which does not run as root, cannot write any more even if root's reserved blocks remain.
 */
final class DiskUsage implements HostSensor {
    private static final Logger LOG = LoggerFactory.getLogger(DiskUsage.class);
    private static final long MEGABYTE = 1024 * 1024;

    private final Path storageFile;
    private boolean warned;

    DiskUsage(Path storageFile) {
        this.storageFile = storageFile.toAbsolutePath();
    }

    @Override
    public void addTo(Map<String, Object> metrics) {
        try {
            FileStore store = Files.getFileStore(existing(storageFile));
            long total = store.getTotalSpace();
            long used = total - store.getUnallocatedSpace();
            long available = store.getUsableSpace();
            if (total <= 0 || used < 0 || used + available <= 0) {
                return; // a pseudo filesystem without sizes: nothing meaningful to say
            }
            metrics.put("diskUsedPercent", HostMonitor.round1(100.0 * used / (used + available)));
            metrics.put("diskFreeMegabytes", available / MEGABYTE);
        } catch (IOException | SecurityException e) {
            if (!warned) {
                warned = true;
                LOG.warn("cannot tell how full the disk of {} is, diskUsedPercent is left out: {}", storageFile,
                        e.toString());
            }
        }
    }

    /** The file, or its nearest existing folder (the database may not be created yet). */
    private static Path existing(Path file) {
        Path path = file;
        while (path != null && !Files.exists(path)) {
            path = path.getParent();
        }
        return path == null ? file : path;
    }
}
