package fr.relais.provisioning.pki;

import fr.relais.provisioning.deploy.FilePermissions;
import fr.relais.provisioning.render.GeneratedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes key material so that it is never, even for an instant, readable by others or half
 * written (through {@link GeneratedFile}: a temporary file with its final permissions, then one
 * rename). A crash leaves the old file or the new one, not a truncated key.
 */
final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {
    }

    /** Creates {@code dir} (and parents) as 0700 when it does not exist; an existing one is left as it is. */
    static void createPrivateDirectory(Path dir) {
        try {
            FilePermissions.createPrivateDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory " + dir, e);
        }
    }

    /** Replaces {@code target} with {@code content}, 0600 when {@code secret}, 0644 otherwise. */
    static void write(Path target, byte[] content, boolean secret) {
        try {
            GeneratedFile.write(target, content, secret ? "rw-------" : "rw-r--r--");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }
}
