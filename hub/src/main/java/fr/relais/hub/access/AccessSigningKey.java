package fr.relais.hub.access;

import fr.relais.protocol.access.AccessListSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's Ed25519 key for the doors' access lists ({@code --access-signing-key FILE}, the
 * {@code PRIVATE KEY} PEM provisioning writes as {@code access-signing-key.pem}). Without one,
 * the hub issues no lists, says so once, and does everything else. A key given but unreadable
 * stops the hub at start, like a bad alert rule file: doors left without updates would be found
 * out much later.
 */
public final class AccessSigningKey {
    private static final Logger LOG = LoggerFactory.getLogger(AccessSigningKey.class);

    private AccessSigningKey() {
    }

    /** @throws IllegalArgumentException naming the file, when it cannot be read or holds no Ed25519 key */
    public static Optional<AccessListSigner> load(Optional<Path> file) {
        if (file.isEmpty()) {
            LOG.info("no access-list signing key (--access-signing-key): the doors' access lists are off");
            return Optional.empty();
        }
        String pem;
        try {
            pem = Files.readString(file.get(), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the access-list signing key " + file.get() + ": " + e, e);
        }
        try {
            return Optional.of(AccessListSigner.fromPem(pem));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("the access-list signing key " + file.get()
                    + " is not an Ed25519 PRIVATE KEY PEM: " + e.getMessage(), e);
        }
    }
}
