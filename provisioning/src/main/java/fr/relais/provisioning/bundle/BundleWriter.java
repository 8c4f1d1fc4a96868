package fr.relais.provisioning.bundle;

import fr.relais.provisioning.render.GeneratedFile;
import java.nio.file.attribute.PosixFilePermissions;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writes one bundle file whole or not at all, with its mode: to a temporary file beside the
 * target, readable by its owner only until its mode is set, then moved over the target. So a
 * secret is never readable by others, even for an instant, and a re-render never leaves half
 * an archive.
 */
final class BundleWriter {
    private BundleWriter() {
    }

    /** @return the file's path relative to folder */
    static Path write(Path folder, BundleFile file) throws IOException {
        GeneratedFile.write(folder.resolve(file.name()), file.content(),
                PosixFilePermissions.toString(permissions(file.mode())));
        return Path.of(file.name());
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ … OTHERS_EXECUTE, high bit first
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << (bits.length - 1 - i))) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }
}
