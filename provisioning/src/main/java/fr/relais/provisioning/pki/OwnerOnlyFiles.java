package fr.relais.provisioning.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes key material so that it is never, even for an instant, readable by others or half
 * written: the bytes go to a temporary file created with its final permissions, then replace the
 * target in one rename. A crash leaves the old file or the new one, not a truncated key.
 */
final class OwnerOnlyFiles {
    static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {
    }

    /** Creates {@code dir} (and parents) as 0700 when it does not exist; an existing one is left as it is. */
    static void createPrivateDirectory(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                return;
            }
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (isPosix()) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
                Files.setPosixFilePermissions(dir, OWNER_ONLY_DIRECTORY); // the umask may have taken bits away
            } else {
                Files.createDirectory(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory " + dir, e);
        }
    }

    /** Replaces {@code target} with {@code content}, 0600 when {@code secret}, 0644 otherwise. */
    static void write(Path target, byte[] content, boolean secret) {
        Set<PosixFilePermission> permissions = secret ? OWNER_READ_WRITE : WORLD_READABLE;
        Path dir = target.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            Files.createDirectories(dir);
            if (isPosix()) {
                FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE);
                temporary = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", ownerOnly);
            } else {
                temporary = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            }
            Files.write(temporary, content);
            if (isPosix()) {
                Files.setPosixFilePermissions(temporary, permissions);
            }
            move(temporary, target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // Only a leftover dot-file after a failure already being reported.
                }
            }
        }
    }

    private static void move(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
