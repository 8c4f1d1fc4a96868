package fr.relais.provisioning.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The CA's list of revoked client certificates, which the broker's certificate listener checks
 * at every handshake ({@code crlfile}): a node authenticating by certificate is shut out by it,
 * as a password node is by the passwd file. Rewritten only when the list of serials changes, so a
 * render that changes nothing writes the same bytes (an ECDSA signature differs every time).
 */
final class RevocationList {
    /** OpenSSL refuses every client once a CRL is past its next update: it lasts as long as the CA. */
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private RevocationList() {
    }

    /** @return whether a new list was written */
    static boolean write(Path file, X509Certificate ca, PrivateKey caKey, Set<BigInteger> serials) {
        SortedSet<BigInteger> wanted = new TreeSet<>(serials);
        if (reusable(file, ca, wanted)) {
            return false;
        }
        try {
            Instant now = Instant.now();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(
                    ca.getSubjectX500Principal().getEncoded()), Date.from(now.minus(CertificateIssuer.BACKDATE)));
            builder.setNextUpdate(ca.getNotAfter());
            for (BigInteger serial : wanted) {
                builder.addCRLEntry(serial, Date.from(now), CRLReason.cessationOfOperation);
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.toEpochMilli())));
            X509CRL crl = new JcaX509CRLConverter().getCRL(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
            OwnerOnlyFiles.write(file, Pem.encode("X509 CRL", crl.getEncoded()), false);
            return true;
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                 | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("Cannot build the revocation list " + file, e);
        }
    }

    private static boolean reusable(Path file, X509Certificate ca, SortedSet<BigInteger> wanted) {
        if (!Files.exists(file)) {
            return false;
        }
        try {
            byte[] der = Pem.decode(Files.readString(file, StandardCharsets.US_ASCII), "X509 CRL", file);
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                    .generateCRL(new ByteArrayInputStream(der));
            crl.verify(ca.getPublicKey());
            SortedSet<BigInteger> listed = new TreeSet<>();
            if (crl.getRevokedCertificates() != null) {
                for (X509CRLEntry entry : crl.getRevokedCertificates()) {
                    listed.add(entry.getSerialNumber());
                }
            }
            return listed.equals(wanted) && crl.getNextUpdate() != null
                    && crl.getNextUpdate().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // damaged, or another CA's: made anew
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
