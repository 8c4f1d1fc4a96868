package fr.relais.provisioning.command;

import fr.relais.protocol.access.AccessKeys;
import fr.relais.provisioning.secrets.AccessSigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Base64;

/**
 * The demo's signing key for the doors' lists: made once in the demo's folder (the private half
 * readable by its owner only, its public half beside it as {@code FILE.pub}), then kept, so the
 * door nodes' lists stay valid from one demo start to the next.
 */
final class DemoAccessKey {
    private DemoAccessKey() {
    }

    /** The public key (X.509, base64) of the pair at {@code privateFile}, made when missing. */
    static String publicKey(Path privateFile) throws IOException {
        Path publicFile = privateFile.resolveSibling(privateFile.getFileName() + ".pub");
        if (!Files.exists(privateFile)) {
            AccessSigningKey pair = AccessSigningKey.generate();
            try {
                Path parent = privateFile.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Path temporary = Files.createTempFile(parent, ".access-key", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temporary, AccessKeys.privatePem(pair.decodedPrivateKey()), StandardCharsets.US_ASCII);
                Files.writeString(publicFile, AccessKeys.publicPem(pair.decodedPublicKey()), StandardCharsets.US_ASCII);
                Files.move(temporary, privateFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("a freshly made Ed25519 pair does not decode", e);
            }
        }
        try {
            AccessKeys.readPrivate(Files.readString(privateFile, StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(
                    AccessKeys.readPublic(Files.readString(publicFile, StandardCharsets.US_ASCII)).getEncoded());
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an Ed25519 key pair (" + privateFile + ", " + publicFile + "): "
                    + e.getMessage(), e);
        }
    }
}
