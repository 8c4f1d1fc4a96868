package fr.relais.provisioning.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * The tar.gz a technician copies to the Pi: every file under one top folder, with the modes the
 * installer expects. The same inputs give the same bytes, so a re-render changes the archive
 * only when its content changed (and a diff or a checksum says so): entries are sorted, every
 * time is the epoch, owners are root (0/0), and the gzip header carries no time and no name.
 *
 * <p>The epoch rather than "now" or a recent date: a Pi has no battery clock, and until NTP
 * answers it believes the date of its image, so any later date would make tar warn that the
 * files come from the future.
 */
final class FirstBootArchive {
    static final long MTIME_EPOCH_SECONDS = 0;
    private static final int DIRECTORY_MODE = 0755;
    /** gzip's code for Unix; fixed so the header does not depend on the machine that renders. */
    private static final int GZIP_OS_UNIX = 3;

    private FirstBootArchive() {
    }

    /** @param topFolder the one folder everything extracts into, without a trailing slash */
    static byte[] build(String topFolder, List<BundleFile> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GzipParameters gzip = new GzipParameters();
        gzip.setCompressionLevel(Deflater.BEST_COMPRESSION);
        gzip.setModificationTime(0);
        gzip.setOperatingSystem(GZIP_OS_UNIX);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes, gzip))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.putArchiveEntry(entry(topFolder + "/", DIRECTORY_MODE, 0));
            tar.closeArchiveEntry();
            for (BundleFile file : files.stream().sorted(Comparator.comparing(BundleFile::name)).toList()) {
                tar.putArchiveEntry(entry(topFolder + "/" + file.name(), file.mode(), file.content().length));
                tar.write(file.content());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            // Only memory is written to.
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static TarArchiveEntry entry(String name, int permissions, long size) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        // The constructor fills in the current time and the renderer's user name: replace both.
        entry.setMode((name.endsWith("/") ? TarArchiveEntry.DEFAULT_DIR_MODE & ~07777
                : TarArchiveEntry.DEFAULT_FILE_MODE & ~07777) | permissions);
        entry.setModTime(MTIME_EPOCH_SECONDS * 1000);
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("root");
        entry.setGroupName("root");
        entry.setSize(size);
        return entry;
    }
}
