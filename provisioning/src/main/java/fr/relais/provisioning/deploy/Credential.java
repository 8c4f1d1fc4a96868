package fr.relais.provisioning.deploy;

import java.time.Instant;
import java.util.Objects;

/**
 * One MQTT identity of a node (or of the hub): its username, its password and the salt its
 * passwd hash is made with, kept so that rendering again writes the same hash.
 *
 * @param expiresAt         when an older credential, kept for a rotation's overlap, stops being
 *                          valid; {@code null} for the current one
 * @param certificateSerial the serial (hex) of the client certificate issued under this username,
 *                          for a node that authenticates by certificate; revoked with it
 */
public record Credential(String username, String password, String salt, Instant issuedAt, Instant expiresAt,
                         String certificateSerial) {
    public Credential {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }

    public boolean validAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }

    Credential expiringAt(Instant at) {
        return new Credential(username, password, salt, issuedAt, at, certificateSerial);
    }

    Credential withCertificateSerial(String serial) {
        return new Credential(username, password, salt, issuedAt, expiresAt, serial);
    }

    /** Makes a new credential with a fresh password and salt. */
    interface Factory {
        Credential create(String username, Instant now);
    }

    byte[] saltBytes() {
        return java.util.Base64.getDecoder().decode(salt);
    }

    @Override
    public String toString() {
        return "Credential[" + username + ", issued " + issuedAt + (expiresAt == null ? "" : ", expires " + expiresAt)
                + "]";
    }
}
