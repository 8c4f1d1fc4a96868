package fr.relais.agent.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the host's small kernel files ({@code /sys}, {@code /proc}) for the health metrics. A file
 * that does not exist is normal (not a Pi, a container): the metric is just absent, silently. A
 * file that cannot be read or does not say what it should is logged once per file, not at every
 * telemetry tick, which would flood the journal of a Pi for months.
 */
final class HostFiles {
    private static final Logger LOG = LoggerFactory.getLogger(HostFiles.class);
    /** Kernel files of interest are a few hundred bytes; a bigger one is not what we expect. */
    private static final int MAX_BYTES = 16 * 1024;

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** The file's text, or empty when it is missing or unreadable. */
    Optional<String> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(new String(in.readNBytes(MAX_BYTES), StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            warnOnce(file, "cannot read {}, its metric is left out: {}", file, e.toString());
            return Optional.empty();
        }
    }

    /** The file's single decimal integer, or empty (missing, unreadable, or garbage: logged once). */
    OptionalLong readLong(Path file) {
        Optional<String> text = read(file);
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text.get().trim()));
        } catch (NumberFormatException e) {
            return garbage(file, text.get(), "an integer");
        }
    }

    /** Says once that {@code file} holds something else than {@code expected}; always empty. */
    OptionalLong garbage(Path file, String text, String expected) {
        warnOnce(file, "{} does not hold {} but '{}', its metric is left out", file, expected, excerpt(text));
        return OptionalLong.empty();
    }

    private void warnOnce(Path file, String format, Object... arguments) {
        if (warned.add(file.toString())) {
            LOG.warn(format, arguments);
        }
    }

    private static String excerpt(String text) {
        String line = text.strip().replaceAll("\\p{Cntrl}", "?");
        return line.length() <= 40 ? line : line.substring(0, 40) + "…";
    }
}
