package fr.relais.provisioning.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a generated file whole or not at all: the text goes to a temporary file next to the
 * target, then replaces it in one move, so an agent never reads half a configuration.
 */
public final class GeneratedFile {
    private GeneratedFile() {
    }

    static void write(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8), null);
    }

    /**
     * @param mode POSIX permissions such as "rw-------", set before the file appears under its
     *             name, so a secret is never readable by others even for an instant; null keeps
     *             the temporary file's own (owner only)
     */
    public static void write(Path target, byte[] content, String mode) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
        try {
            Files.write(temporary, content);
            if (mode != null) {
                fr.relais.provisioning.deploy.FilePermissions.set(temporary, mode);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
