package fr.relais.provisioning.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server and client certificates: what they say, and when the ones on disk are reused. */
class LeafCertificateTest {
    private static final List<String> NAMES = List.of("localhost", "127.0.0.1");

    @TempDir
    Path dir;
    private CertificateAuthority ca;
    private Path tls;

    @BeforeEach
    void createCa() {
        ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), "Thiérache");
        tls = dir.resolve("tls");
    }

    @Test
    void aServerCertificateNamesTheServer() throws Exception {
        IssuedCertificate issued = ca.serverCertificate(tls, "server", List.of("hub.example", "127.0.0.1", "::1"));

        assertThat(issued).isEqualTo(new IssuedCertificate(tls.resolve("server.crt"), tls.resolve("server.key"), true));
        X509Certificate certificate = TestTls.certificate(issued.certificateFile());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=hub.example,O=Relais");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(TestTls.certificate(ca.certificateFile())
                .getSubjectX500Principal());
        certificate.verify(TestTls.certificate(ca.certificateFile()).getPublicKey());
        assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(2, "hub.example"),
                List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(Duration.between(Instant.now(), certificate.getNotAfter().toInstant()).toDays()).isBetween(820L, 825L);
        assertThat(TestTls.privateKey(issued.keyFile()).getAlgorithm()).isEqualTo("EC");
        assertThat(Files.getPosixFilePermissions(issued.keyFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(issued.certificateFile()))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void aClientCertificateCarriesTheNodeName() throws Exception {
        IssuedCertificate issued = ca.clientCertificate(tls, "rozoy-pi", "rozoy-pi");

        X509Certificate certificate = TestTls.certificate(issued.certificateFile());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=rozoy-pi,O=Relais");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(certificate.getSubjectAlternativeNames()).isNull();
        assertThat(Files.getPosixFilePermissions(issued.keyFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void asecondCallLeavesTheFilesAlone() throws IOException {
        IssuedCertificate first = ca.serverCertificate(tls, "server", NAMES);
        byte[] certificate = Files.readAllBytes(first.certificateFile());
        byte[] key = Files.readAllBytes(first.keyFile());

        IssuedCertificate second = ca.serverCertificate(tls, "server", NAMES);

        assertThat(second).isEqualTo(new IssuedCertificate(first.certificateFile(), first.keyFile(), false));
        assertThat(Files.readAllBytes(second.certificateFile())).isEqualTo(certificate);
        assertThat(Files.readAllBytes(second.keyFile())).isEqualTo(key);
        assertThat(ca.clientCertificate(tls, "node", "rozoy-pi").issued()).isTrue();
        assertThat(ca.clientCertificate(tls, "node", "rozoy-pi").issued()).isFalse();
    }

    @Test
    void otherNamesMeanANewCertificate() throws IOException {
        byte[] before = Files.readAllBytes(ca.serverCertificate(tls, "server", NAMES).certificateFile());

        assertThat(ca.serverCertificate(tls, "server", List.of("localhost")).issued()).isTrue();
        assertThat(ca.serverCertificate(tls, "server", List.of("localhost", "127.0.0.1", "hub.example")).issued()).isTrue();
        assertThat(ca.serverCertificate(tls, "server", List.of("127.0.0.1", "localhost")).issued()).isTrue();
        assertThat(Files.readAllBytes(tls.resolve("server.crt"))).isNotEqualTo(before);
        // Spelling does not count: names are compared as DNS (case-insensitive) and IP addresses.
        assertThat(ca.serverCertificate(tls, "server", List.of("127.0.0.1", "LOCALHOST")).issued()).isFalse();
    }

    @Test
    void anotherCommonNameMeansANewClientCertificate() {
        ca.clientCertificate(tls, "node", "rozoy-pi");
        assertThat(ca.clientCertificate(tls, "node", "montcornet-pi").issued()).isTrue();
        assertThat(ca.clientCertificate(tls, "node", "montcornet-pi").issued()).isFalse();
    }

    @Test
    void aServerCertificateIsNotReusedAsAClientOne() {
        ca.serverCertificate(tls, "rozoy-pi", List.of("rozoy-pi"));
        assertThat(ca.clientCertificate(tls, "rozoy-pi", "rozoy-pi").issued()).isTrue();
    }

    @Test
    void aCertificateFromAnotherCaIsReplaced() throws Exception {
        CertificateAuthority other = CertificateAuthority.loadOrCreate(dir.resolve("other-ca"), "Thiérache");
        other.serverCertificate(tls, "server", NAMES);

        IssuedCertificate issued = ca.serverCertificate(tls, "server", NAMES);

        assertThat(issued.issued()).isTrue();
        TestTls.certificate(issued.certificateFile()).verify(TestTls.certificate(ca.certificateFile()).getPublicKey());
    }

    @Test
    void aMissingMismatchedOrDamagedKeyMeansANewPair() throws IOException {
        IssuedCertificate first = ca.serverCertificate(tls, "server", NAMES);
        Files.delete(first.keyFile());
        assertThat(ca.serverCertificate(tls, "server", NAMES).issued()).isTrue();

        ca.serverCertificate(tls, "other", NAMES);
        Files.copy(tls.resolve("other.key"), tls.resolve("server.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(ca.serverCertificate(tls, "server", NAMES).issued()).isTrue();

        Files.writeString(tls.resolve("server.crt"), "garbage");
        assertThat(ca.serverCertificate(tls, "server", NAMES).issued()).isTrue();
        assertThat(ca.serverCertificate(tls, "server", NAMES).issued()).isFalse();
    }

    @Test
    void aCertificateInItsLastMonthIsRenewed() throws Exception {
        IssuedCertificate current = ca.clientCertificate(tls, "node", "rozoy-pi");
        writeCertificateEndingIn(Duration.ofDays(29), current);
        assertThat(ca.clientCertificate(tls, "node", "rozoy-pi").issued()).isTrue();

        writeCertificateEndingIn(Duration.ofDays(31), current);
        assertThat(ca.clientCertificate(tls, "node", "rozoy-pi").issued()).isFalse();
    }

    @Test
    void refusesNamesThatAreNeitherHostsNorAddresses() {
        assertThatIllegalArgumentException().isThrownBy(() -> ca.serverCertificate(tls, "server", List.of()))
                .withMessageContaining("at least one");
        assertThatIllegalArgumentException().isThrownBy(() -> ca.serverCertificate(tls, "server", List.of("hub example")))
                .withMessageContaining("'hub example' is neither a host name");
        assertThatIllegalArgumentException().isThrownBy(() -> ca.serverCertificate(tls, "server", List.of("300.1.1.1")))
                .withMessageContaining("'300.1.1.1' looks like an IPv4 address but is not a valid one");
        assertThatIllegalArgumentException().isThrownBy(() -> ca.serverCertificate(tls, "server", List.of("fe80::1%eth0")))
                .withMessageContaining("neither a host name");
        assertThatIllegalArgumentException().isThrownBy(() -> ca.serverCertificate(tls, "server", List.of("a", "A")))
                .withMessageContaining("listed twice");
        assertThatIllegalArgumentException().isThrownBy(() -> ca.serverCertificate(tls, "../etc/server", NAMES))
                .withMessageContaining("not a usable file base name");
        assertThatIllegalArgumentException().isThrownBy(() -> ca.clientCertificate(tls, "node", ""))
                .withMessageContaining("non-empty common name");
        assertThatIllegalArgumentException().isThrownBy(() -> ca.clientCertificate(tls, "node", "x".repeat(65)))
                .withMessageContaining("longer than 64");
        assertThat(tls).doesNotExist();
    }

    /** Replaces the certificate with one signed by the CA for the same key and name, ending in {@code left}. */
    private void writeCertificateEndingIn(Duration left, IssuedCertificate files) throws Exception {
        X509Certificate caCertificate = Pem.readCertificate(ca.certificateFile());
        X509Certificate current = Pem.readCertificate(files.certificateFile());
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, BigInteger.TEN,
                Date.from(now.minus(Duration.ofDays(800))), Date.from(now.plus(left)),
                X500Name.getInstance(current.getSubjectX500Principal().getEncoded()), current.getPublicKey());
        builder.copyAndAddExtension(org.bouncycastle.asn1.x509.Extension.extendedKeyUsage, false,
                new org.bouncycastle.cert.jcajce.JcaX509CertificateHolder(current));
        KeyPair caKeys = new KeyPair(caCertificate.getPublicKey(), Pem.readPrivateKey(dir.resolve("ca").resolve("ca.key")));
        X509Certificate renewed = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        Pem.writeCertificate(files.certificateFile(), renewed);
    }
}
