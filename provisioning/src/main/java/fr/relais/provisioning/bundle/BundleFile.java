package fr.relais.provisioning.bundle;

import java.util.Objects;

/**
 * One file of a bundle: its name (no folder), its Unix permission bits and its bytes. The same
 * value is written beside the archive and into it, so both always agree.
 */
record BundleFile(String name, int mode, byte[] content) {
    static final int PUBLIC = 0644;
    static final int SECRET = 0600;
    static final int EXECUTABLE = 0755;

    BundleFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        if (name.isEmpty() || name.contains("/") || name.startsWith(".")) {
            throw new IllegalArgumentException("a bundle file name must be a plain name, got '" + name + "'");
        }
        if ((mode & ~07777) != 0) {
            throw new IllegalArgumentException("mode " + Integer.toOctalString(mode) + " of " + name
                    + " holds more than permission bits");
        }
    }
}
