package fr.relais.provisioning.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The territory's private certificate authority: one EC P-256 key and self-signed certificate in
 * {@code caDir}, which signs the broker's TLS certificate and the nodes' client certificates.
 * Nodes trust only this CA, so nobody on the road between a village and the hub can pose as the
 * broker. The CA is made once and then only ever loaded: replacing it would silently cut off
 * every node deployed with the old one.
 */
public final class CertificateAuthority {
    static final String KEY_FILE = "ca.key";
    static final String CERTIFICATE_FILE = "ca.crt";
    /** X.520 upper bound for a common name; OpenSSL refuses longer ones. */
    private static final int MAX_COMMON_NAME = 64;
    private static final Pattern BASE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}");

    private final Path certificateFile;
    private final X509Certificate certificate;
    private final PrivateKey key;

    private CertificateAuthority(Path certificateFile, X509Certificate certificate, PrivateKey key) {
        this.certificateFile = certificateFile;
        this.certificate = certificate;
        this.key = key;
    }

    /**
     * Loads {@code caDir/ca.key} and {@code caDir/ca.crt}, or creates both when both are absent
     * (caDir 0700, ca.key 0600).
     *
     * @throws IllegalStateException naming the file when only one of them exists, when one cannot
     *     be read, when the key is not the certificate's or the certificate is not a CA's
     */
    public static CertificateAuthority loadOrCreate(Path caDir, String territory) {
        if (territory == null || territory.isBlank()) {
            throw new IllegalArgumentException("The CA needs a territory name for its subject");
        }
        // The name only labels the CA for people reading it: cut to the 64 characters X.509 allows.
        String label = "Relais CA - " + territory.strip();
        String commonName = commonName(label.length() > MAX_COMMON_NAME ? label.substring(0, MAX_COMMON_NAME).strip()
                : label);
        Path keyFile = caDir.resolve(KEY_FILE);
        Path certificateFile = caDir.resolve(CERTIFICATE_FILE);
        boolean hasKey = Files.exists(keyFile);
        boolean hasCertificate = Files.exists(certificateFile);
        if (hasKey && hasCertificate) {
            return load(keyFile, certificateFile);
        }
        if (hasKey || hasCertificate) {
            Path missing = hasKey ? certificateFile : keyFile;
            Path present = hasKey ? keyFile : certificateFile;
            throw new IllegalStateException("The CA in " + caDir + " is incomplete: " + missing + " is missing but "
                    + present + " exists. Restore " + missing.getFileName() + " from a backup; creating a new CA "
                    + "would cut off every node that trusts the old one (remove both files only if that is intended).");
        }
        OwnerOnlyFiles.createPrivateDirectory(caDir);
        KeyPair keys = EcKeys.generate();
        X509Certificate certificate = CertificateIssuer.selfSignedCa(keys, commonName);
        // Key first: a crash in between leaves "ca.crt is missing", which is refused loudly, rather
        // than a certificate nobody holds the key of.
        Pem.writePrivateKey(keyFile, keys.getPrivate());
        Pem.writeCertificate(certificateFile, certificate);
        return new CertificateAuthority(certificateFile, certificate, keys.getPrivate());
    }

    private static CertificateAuthority load(Path keyFile, Path certificateFile) {
        X509Certificate certificate;
        PrivateKey key;
        try {
            certificate = Pem.readCertificate(certificateFile);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Cannot use the CA certificate " + certificateFile + ": " + e.getMessage(), e);
        }
        try {
            key = Pem.readPrivateKey(keyFile);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Cannot use the CA key " + keyFile + ": " + e.getMessage(), e);
        }
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalStateException(certificateFile + " is not a CA certificate (no CA:true basic constraint)");
        }
        if (!EcKeys.matches(key, certificate.getPublicKey())) {
            throw new IllegalStateException(keyFile + " is not the private key of " + certificateFile
                    + ": the two files do not belong together");
        }
        return new CertificateAuthority(certificateFile, certificate, key);
    }

    /**
     * Writes, or keeps if it already lists exactly these serials, the CA's revocation list.
     *
     * @return whether a new list was written
     */
    public boolean revocationList(Path file, java.util.Set<java.math.BigInteger> serials) {
        return RevocationList.write(file, certificate, key, serials);
    }

    /** The serial number of a certificate file, to revoke it later. */
    public static java.math.BigInteger serialOf(Path certificateFile) {
        return Pem.readCertificate(certificateFile).getSerialNumber();
    }

    /** {@code caDir/ca.crt}: what the broker's {@code cafile} and the nodes' trust store point at. */
    public Path certificateFile() {
        return certificateFile;
    }

    /**
     * Issues or reuses {@code dir/<baseName>.crt} and {@code .key} for a TLS server known by these
     * names (DNS names, or IP literals); CN = the first name.
     */
    public IssuedCertificate serverCertificate(Path dir, String baseName, List<String> names) {
        List<String> canonical = SubjectAltNames.canonical(names);
        // Clients check the alternative names, not the CN: a host name longer than a CN may be
        // (64) is still served, under a CN that only labels the certificate.
        String first = canonical.get(0).substring(canonical.get(0).indexOf(':') + 1);
        String commonName = commonName(first.length() > MAX_COMMON_NAME ? "Relais broker" : first);
        return issueOrReuse(dir, baseName, CertificateIssuer.Usage.SERVER, ReusableLeaf.withNames(canonical),
                commonName, names);
    }

    /** Issues or reuses {@code dir/<baseName>.crt} and {@code .key} for a TLS client named {@code commonName}. */
    public IssuedCertificate clientCertificate(Path dir, String baseName, String commonName) {
        String checked = commonName(commonName);
        return issueOrReuse(dir, baseName, CertificateIssuer.Usage.CLIENT, ReusableLeaf.withCommonName(checked),
                checked, List.of());
    }

    private IssuedCertificate issueOrReuse(Path dir, String baseName, CertificateIssuer.Usage usage,
            Predicate<X509Certificate> identity, String commonName, List<String> names) {
        if (baseName == null || !BASE_NAME.matcher(baseName).matches()) {
            throw new IllegalArgumentException("'" + baseName + "' is not a usable file base name (letters, digits, "
                    + "'.', '_', '-'; no '/', not starting with '.' or '-')");
        }
        Path certificateFile = dir.resolve(baseName + ".crt");
        Path keyFile = dir.resolve(baseName + ".key");
        if (ReusableLeaf.reusable(certificateFile, keyFile, certificate, usage, identity)) {
            return new IssuedCertificate(certificateFile, keyFile, false);
        }
        KeyPair keys = EcKeys.generate();
        X509Certificate issued = CertificateIssuer.leaf(certificate, key, keys.getPublic(), commonName, names, usage);
        Pem.writePrivateKey(keyFile, keys.getPrivate());
        Pem.writeCertificate(certificateFile, issued);
        return new IssuedCertificate(certificateFile, keyFile, true);
    }

    private static String commonName(String commonName) {
        if (commonName == null || commonName.isBlank()) {
            throw new IllegalArgumentException("A certificate needs a non-empty common name");
        }
        String stripped = commonName.strip();
        if (stripped.length() > MAX_COMMON_NAME) {
            throw new IllegalArgumentException("The common name '" + stripped + "' is longer than " + MAX_COMMON_NAME
                    + " characters, which X.509 (and OpenSSL) refuse");
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("The common name " + stripped.replaceAll("\\p{Cntrl}", "?")
                    + " contains control characters");
        }
        return stripped;
    }
}
