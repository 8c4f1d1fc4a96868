package fr.relais.provisioning.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds and signs X.509 certificates. BouncyCastle only assembles the structure; keys, signing
 * and parsing stay with the JDK's own providers, so BouncyCastle is never registered as a JCA
 * provider and the resulting objects are plain JDK ones.
 */
final class CertificateIssuer {
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    static final Duration LEAF_VALIDITY = Duration.ofDays(825);
    /**
     * A Raspberry Pi has no clock battery: after a long power cut it boots on the time it saved at
     * shutdown until NTP answers. Backdating keeps a fresh certificate valid for it in the meantime.
     */
    static final Duration BACKDATE = Duration.ofDays(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    enum Usage {
        SERVER(KeyPurposeId.id_kp_serverAuth), CLIENT(KeyPurposeId.id_kp_clientAuth);

        final KeyPurposeId purpose;

        Usage(KeyPurposeId purpose) {
            this.purpose = purpose;
        }

        /** The OID as {@link X509Certificate#getExtendedKeyUsage()} lists it. */
        String oid() {
            return purpose.getId();
        }
    }

    private CertificateIssuer() {
    }

    /** The CA: CA:true with path length 0 (it signs node and broker certificates, never another CA). */
    static X509Certificate selfSignedCa(KeyPair keys, String commonName) {
        X500Name subject = name(commonName);
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_VALIDITY)), subject, keys.getPublic());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build the CA certificate", e);
        }
        return sign(builder, keys.getPrivate());
    }

    /**
     * A certificate for {@code publicKey} signed by the CA, valid 825 days (never past the CA's own
     * end), for {@code sans} when given (a server) and the one {@code usage}.
     */
    static X509Certificate leaf(X509Certificate ca, PrivateKey caKey, PublicKey publicKey, String commonName,
            List<String> sans, Usage usage) {
        Instant now = Instant.now();
        Instant end = now.plus(LEAF_VALIDITY);
        if (ca.getNotAfter().toInstant().isBefore(end)) {
            end = ca.getNotAfter().toInstant();
        }
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(),
                Date.from(now.minus(BACKDATE)), Date.from(end), name(commonName), publicKey);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usage.purpose));
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(publicKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca));
            if (!sans.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, SubjectAltNames.toGeneralNames(sans));
            }
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build the certificate for " + commonName, e);
        }
        return sign(builder, caKey);
    }

    /** The subject's CN, or "" when it has none. */
    static String commonName(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        var rdns = subject.getRDNs(BCStyle.CN);
        return rdns.length == 0 ? "" : rdns[0].getFirst().getValue().toString();
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Relais").addRDN(BCStyle.CN, commonName).build();
    }

    /** Random, positive, 128 bits: unique without a serial counter to keep between runs. */
    private static BigInteger serial() {
        BigInteger serial;
        do {
            serial = new BigInteger(128, RANDOM);
        } while (serial.signum() == 0);
        return serial;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey) {
        try {
            byte[] der = builder.build(new JcaContentSignerBuilder(EcKeys.SIGNATURE_ALGORITHM).build(signingKey))
                    .getEncoded();
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (OperatorCreationException | GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot sign a certificate with " + EcKeys.SIGNATURE_ALGORITHM, e);
        }
    }
}
