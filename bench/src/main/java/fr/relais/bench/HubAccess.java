package fr.relais.bench;

import fr.relais.hub.auth.AuthSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * How a benchmark reaches the API of the hub it starts: as a script would, with the bearer token
 * of {@code admin} that the hub writes at start into a file (mode 600) when the file is missing.
 * On a database that has accounts already, the random password below is ignored and the token
 * is that of the existing admin.
 */
final class HubAccess {
    private HubAccess() {
    }

    static AuthSettings settings(Path tokenFile) {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return AuthSettings.withAdminPassword(Base64.getUrlEncoder().encodeToString(random))
                .withAdminTokenFile(tokenFile);
    }

    static String token(Path tokenFile) throws IOException {
        return Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
    }
}
