package fr.relais.agent.localapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How the kiosk finds its agent: {@code {"url":"http://127.0.0.1:8471","token":"…"}} in a file only
 * the agent's user and group read (0640; the kiosk's user is in the group). A new token at every
 * start: a token copied from an old file or a backup opens nothing. Written beside itself and
 * renamed, so the kiosk never reads half a file.
 */
public final class KioskLinkFile {
    static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-r-----");
    private static final ObjectMapper JSON = new ObjectMapper();

    private KioskLinkFile() {
    }

    /** A random bearer token: 32 bytes, URL-safe base64. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static void write(Path file, String url, String token) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Map<String, String> link = new LinkedHashMap<>();
        link.put("url", url);
        link.put("token", token);
        Path next = parent.resolve(file.getFileName() + ".new");
        Files.deleteIfExists(next);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix) {
            // Created with its final mode: the token is never readable by others, not even for an instant.
            Files.createFile(next, PosixFilePermissions.asFileAttribute(MODE));
            Files.setPosixFilePermissions(next, MODE);
        }
        Files.write(next, JSON.writeValueAsBytes(link));
        try {
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
