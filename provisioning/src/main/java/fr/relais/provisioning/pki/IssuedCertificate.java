package fr.relais.provisioning.pki;

import java.nio.file.Path;

/**
 * A certificate and its private key as written on disk (PEM).
 *
 * @param issued true when this call wrote a new key and certificate, false when the ones already
 *     on disk were still good and left byte for byte as they were
 */
public record IssuedCertificate(Path certificateFile, Path keyFile, boolean issued) {
}
