package fr.relais.hub.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the hub's SQLite database its user's alone before it is opened: it holds password hashes,
 * session digests and the audit. A missing directory is created {@code 0700}, a missing file
 * {@code 0600} (SQLite gives its {@code -wal} and {@code -shm} files the database's own mode), and
 * existing database files that others may read (a demo from before this) are tightened.
 */
public final class PrivateSqliteFile {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateSqliteFile.class);
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final List<String> COMPANIONS = List.of("", "-wal", "-shm", "-journal");

    private PrivateSqliteFile() {
    }

    /** The file of a {@code jdbc:sqlite:} URL, or null for another database or an in-memory one. */
    public static Path of(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:sqlite:")) {
            return null;
        }
        String path = jdbcUrl.substring("jdbc:sqlite:".length());
        return path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file:") ? null : Path.of(path);
    }

    /** Creates or tightens the database file and its directory; non-POSIX file systems are left as they are. */
    public static void prepare(Path database) throws IOException {
        Path file = database.toAbsolutePath();
        Path directory = file.getParent();
        try {
            if (!Files.isDirectory(directory)) {
                // An existing directory is left alone: it may be shared with other things (--data .).
                if (directory.getParent() != null) {
                    Files.createDirectories(directory.getParent());
                }
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
            }
            try {
                // An empty file is an empty SQLite database: SQLite then keeps this mode.
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } catch (FileAlreadyExistsException exists) {
                for (String suffix : COMPANIONS) {
                    Path companion = directory.resolve(file.getFileName() + suffix);
                    if (Files.exists(companion)) {
                        tighten(companion, FILE);
                    }
                }
            }
        } catch (UnsupportedOperationException notPosix) {
            LOG.warn("{} is not on a POSIX file system: its permissions are left as they are", file);
        }
    }

    private static void tighten(Path path, Set<PosixFilePermission> wanted) throws IOException {
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(path);
        if (!current.equals(wanted) && current.stream().anyMatch(p -> !wanted.contains(p))) {
            Files.setPosixFilePermissions(path, wanted);
            LOG.warn("{} was {}: now {}, since it holds password hashes", path, PosixFilePermissions.toString(current),
                    PosixFilePermissions.toString(wanted));
        }
    }
}
