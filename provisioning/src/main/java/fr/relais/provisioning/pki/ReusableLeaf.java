package fr.relais.provisioning.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * Decides whether a certificate and key already on disk can be handed out again. Rendering runs
 * again and again on the same inventory; reissuing every time would change bytes (ECDSA
 * signatures are randomised) and force every node to be redeployed for nothing. Anything doubtful
 * (unreadable file, other CA, other names, near expiry) means "issue anew", never an error: these
 * files are derived from the CA and the inventory and can always be made again.
 */
final class ReusableLeaf {
    /** Renewal margin: a render within the last month of validity renews, well before nodes fail. */
    static final Duration MINIMUM_REMAINING = Duration.ofDays(30);

    private ReusableLeaf() {
    }

    static boolean reusable(Path certificateFile, Path keyFile, X509Certificate ca, CertificateIssuer.Usage usage,
            Predicate<X509Certificate> identity) {
        if (!Files.isRegularFile(certificateFile) || !Files.isRegularFile(keyFile)) {
            return false;
        }
        try {
            X509Certificate certificate = Pem.readCertificate(certificateFile);
            PrivateKey key = Pem.readPrivateKey(keyFile);
            return signedBy(certificate, ca)
                    && remaining(certificate).compareTo(MINIMUM_REMAINING) > 0
                    && hasUsage(certificate, usage)
                    && identity.test(certificate)
                    && EcKeys.matches(key, certificate.getPublicKey());
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    static Predicate<X509Certificate> withNames(List<String> canonicalNames) {
        return certificate -> SubjectAltNames.of(certificate).equals(canonicalNames);
    }

    static Predicate<X509Certificate> withCommonName(String commonName) {
        return certificate -> CertificateIssuer.commonName(certificate).equals(commonName);
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
        if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Duration remaining(X509Certificate certificate) {
        return Duration.between(Instant.now(), certificate.getNotAfter().toInstant());
    }

    private static boolean hasUsage(X509Certificate certificate, CertificateIssuer.Usage usage) {
        try {
            List<String> usages = certificate.getExtendedKeyUsage();
            return usages != null && usages.contains(usage.oid());
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
    }
}
