package fr.relais.agent.config;

import fr.relais.protocol.json.FieldException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A file named in {@code agent.yaml}, relative to the configuration's folder. A name no file
 * system can hold (a NUL character) is refused with its field, like any other mistake, rather
 * than escaping as an InvalidPathException (found by ConfigLoaderFuzzTest).
 */
final class ConfigPaths {
    private ConfigPaths() {
    }

    static Path resolve(Path baseDir, String field, String name) throws FieldException {
        try {
            return baseDir.resolve(name);
        } catch (InvalidPathException e) {
            throw new FieldException(field, "is not a usable file name: " + e.getReason());
        }
    }
}
