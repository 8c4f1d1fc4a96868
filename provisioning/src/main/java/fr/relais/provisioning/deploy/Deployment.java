package fr.relais.provisioning.deploy;

import fr.relais.provisioning.pki.CertificateAuthority;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;

/** An opened deployment folder: its CA and its secrets, created on first use. */
final class Deployment {
    private final CertificateAuthority ca;
    private final SecretStore secrets;

    private Deployment(CertificateAuthority ca, SecretStore secrets) {
        this.ca = ca;
        this.secrets = secrets;
    }

    /** Opens the folder, or initialises it (saying so in {@code lines}) if it has no CA yet. */
    static Deployment open(DeploymentLayout layout, String territory, Instant now, List<String> lines)
            throws DeploymentException, IOException {
        boolean fresh = !Files.exists(layout.credentials());
        FilePermissions.createPrivateDirectories(layout.secrets());
        CertificateAuthority ca;
        try {
            ca = CertificateAuthority.loadOrCreate(layout.certificateAuthority(), territory);
        } catch (IllegalStateException e) {
            throw new DeploymentException(e.getMessage(), e);
        }
        SecretStore secrets = SecretStore.open(layout.credentials(), now);
        if (fresh) {
            secrets.save();
            lines.add("initialised " + layout.root() + ": private CA and secrets in secrets/ (back it up, never copy it to a Pi)");
        }
        return new Deployment(ca, secrets);
    }

    CertificateAuthority ca() {
        return ca;
    }

    SecretStore secrets() {
        return secrets;
    }
}
