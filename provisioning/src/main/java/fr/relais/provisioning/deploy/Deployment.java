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
        boolean caExists = Files.exists(layout.certificateAuthority().resolve("ca.crt"))
                || Files.exists(layout.certificateAuthority().resolve("ca.key"));
        if (fresh && (caExists || Files.exists(layout.broker().resolve(BrokerFiles.PASSWD)))) {
            // Starting afresh here would give every node a new password and cut them all off.
            throw new DeploymentException(layout.credentials() + " is missing but this folder was rendered before"
                    + " (" + (caExists ? "secrets/ca" : "broker/passwd") + " exists): restore secrets/ from your backup,"
                    + " or render into a new folder");
        }
        if (!fresh && !caExists) {
            throw new DeploymentException(layout.certificateAuthority() + " is missing: a new CA would not be trusted by"
                    + " any node; restore secrets/ from your backup");
        }
        FilePermissions.createPrivateDirectories(layout.secrets());
        CertificateAuthority ca;
        try {
            ca = CertificateAuthority.loadOrCreate(layout.certificateAuthority(), territory);
        } catch (IllegalStateException | IllegalArgumentException e) {
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
