package fr.relais.agent.device.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the small files of {@code /sys} and {@code /proc} that describe the network. A missing file
 * is normal (a container, a kernel without the driver): simply absent. One that cannot be read is
 * logged once per file, not at every poll.
 */
final class KernelFiles {
    private static final Logger LOG = LoggerFactory.getLogger(KernelFiles.class);
    /** {@code /proc/net/route} of a router may list many routes; still far below this. */
    private static final int MAX_BYTES = 256 * 1024;

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    Optional<String> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(new String(in.readNBytes(MAX_BYTES), StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            warnOnce(file, "cannot read {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    /** The last part of where a symbolic link points ({@code device/driver} → {@code qmi_wwan}). */
    Optional<String> linkName(Path link) {
        try {
            Path target = Files.readSymbolicLink(link).getFileName();
            return target == null ? Optional.empty() : Optional.of(target.toString());
        } catch (NoSuchFileException | UnsupportedOperationException e) {
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            // Not a link (a fake tree may hold a plain file): its content names the driver then.
            return read(link).map(String::strip).filter(text -> !text.isEmpty());
        }
    }

    void warnOnce(Path file, String format, Object... arguments) {
        if (warned.add(file.toString())) {
            LOG.warn(format, arguments);
        }
    }
}
