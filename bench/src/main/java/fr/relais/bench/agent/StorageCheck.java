package fr.relais.bench.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Which file system holds a folder: bytes written to tmpfs never reach a disk, and count nothing. */
final class StorageCheck {
    private static final Set<String> IN_MEMORY = Set.of("tmpfs", "ramfs");

    private StorageCheck() {
    }

    static String fileSystemOf(Path dir) throws IOException {
        return Files.getFileStore(dir.toRealPath()).type();
    }

    static boolean inMemory(String fileSystem) {
        return IN_MEMORY.contains(fileSystem);
    }
}
