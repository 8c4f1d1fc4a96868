package fr.relais.provisioning.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
    @TempDir
    Path dir;

    @Test
    void createsAnEcCaForTheTerritory() throws Exception {
        Path caDir = dir.resolve("secrets").resolve("ca");
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(caDir, "Thiérache");

        assertThat(ca.certificateFile()).isEqualTo(caDir.resolve("ca.crt"));
        X509Certificate certificate = TestTls.certificate(ca.certificateFile());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=Relais CA - Thiérache,O=Relais");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        assertThat(certificate.getBasicConstraints()).isZero(); // CA:true, pathlen 0
        assertThat(certificate.getKeyUsage()).containsExactly(false, false, false, false, false, true, true, false, false);
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(certificate.getSerialNumber().signum()).isPositive();
        assertThat(certificate.getSerialNumber().bitLength()).isBetween(100, 128);
        assertThat(Duration.between(Instant.now(), certificate.getNotAfter().toInstant()).toDays()).isBetween(3640L, 3650L);
        assertThat(Files.readString(caDir.resolve("ca.key"))).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(TestTls.privateKey(caDir.resolve("ca.key")).getAlgorithm()).isEqualTo("EC");
        assertThat(Files.getPosixFilePermissions(caDir.resolve("ca.key"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(caDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void loadsTheSameCaAgain() throws IOException {
        Path caDir = dir.resolve("ca");
        CertificateAuthority first = CertificateAuthority.loadOrCreate(caDir, "Thiérache");
        byte[] key = Files.readAllBytes(caDir.resolve("ca.key"));
        byte[] certificate = Files.readAllBytes(caDir.resolve("ca.crt"));
        IssuedCertificate server = first.serverCertificate(dir.resolve("tls"), "server", List.of("localhost"));

        CertificateAuthority again = CertificateAuthority.loadOrCreate(caDir, "Thiérache");

        assertThat(Files.readAllBytes(caDir.resolve("ca.key"))).isEqualTo(key);
        assertThat(Files.readAllBytes(caDir.resolve("ca.crt"))).isEqualTo(certificate);
        // Same CA: what the first one signed is still good for the second.
        assertThat(again.serverCertificate(dir.resolve("tls"), "server", List.of("localhost"))).isEqualTo(
                new IssuedCertificate(server.certificateFile(), server.keyFile(), false));
    }

    @Test
    void refusesACaWithOnlyItsCertificate() throws IOException {
        Path caDir = dir.resolve("ca");
        CertificateAuthority.loadOrCreate(caDir, "Thiérache");
        Files.delete(caDir.resolve("ca.key"));

        assertThatIllegalStateException().isThrownBy(() -> CertificateAuthority.loadOrCreate(caDir, "Thiérache"))
                .withMessageContaining(caDir.resolve("ca.key") + " is missing");
        assertThat(caDir.resolve("ca.key")).doesNotExist(); // nothing was made up in its place
    }

    @Test
    void refusesACaWithOnlyItsKey() throws IOException {
        Path caDir = dir.resolve("ca");
        CertificateAuthority.loadOrCreate(caDir, "Thiérache");
        byte[] key = Files.readAllBytes(caDir.resolve("ca.key"));
        Files.delete(caDir.resolve("ca.crt"));

        assertThatIllegalStateException().isThrownBy(() -> CertificateAuthority.loadOrCreate(caDir, "Thiérache"))
                .withMessageContaining(caDir.resolve("ca.crt") + " is missing");
        assertThat(Files.readAllBytes(caDir.resolve("ca.key"))).isEqualTo(key);
    }

    @Test
    void refusesAKeyThatIsNotTheCertificates() throws IOException {
        Path caDir = dir.resolve("ca");
        CertificateAuthority.loadOrCreate(caDir, "Thiérache");
        CertificateAuthority.loadOrCreate(dir.resolve("other"), "Thiérache");
        Files.copy(dir.resolve("other").resolve("ca.key"), caDir.resolve("ca.key"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatIllegalStateException().isThrownBy(() -> CertificateAuthority.loadOrCreate(caDir, "Thiérache"))
                .withMessageContaining(caDir.resolve("ca.key") + " is not the private key of " + caDir.resolve("ca.crt"));
    }

    @Test
    void refusesGarbageInEitherFileNamingIt() throws IOException {
        Path caDir = dir.resolve("ca");
        CertificateAuthority.loadOrCreate(caDir, "Thiérache");
        byte[] goodCertificate = Files.readAllBytes(caDir.resolve("ca.crt"));
        Files.writeString(caDir.resolve("ca.crt"), "not a certificate\n");
        assertThatIllegalStateException().isThrownBy(() -> CertificateAuthority.loadOrCreate(caDir, "Thiérache"))
                .withMessageContaining(caDir.resolve("ca.crt").toString()).withMessageContaining("BEGIN CERTIFICATE");

        Files.write(caDir.resolve("ca.crt"), goodCertificate);
        Files.writeString(caDir.resolve("ca.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatIllegalStateException().isThrownBy(() -> CertificateAuthority.loadOrCreate(caDir, "Thiérache"))
                .withMessageContaining(caDir.resolve("ca.key").toString()).withMessageContaining("PKCS#8 EC private key");
    }

    @Test
    void refusesALeafCertificateAsCa() throws IOException {
        Path caDir = dir.resolve("ca");
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(caDir, "Thiérache");
        IssuedCertificate leaf = ca.clientCertificate(dir.resolve("nodes"), "node", "node");
        Path fake = dir.resolve("fake");
        Files.createDirectories(fake);
        Files.copy(leaf.certificateFile(), fake.resolve("ca.crt"));
        Files.copy(leaf.keyFile(), fake.resolve("ca.key"));

        assertThatIllegalStateException().isThrownBy(() -> CertificateAuthority.loadOrCreate(fake, "Thiérache"))
                .withMessageContaining("is not a CA certificate");
    }

    @Test
    void refusesABlankTerritory() {
        assertThatIllegalArgumentException().isThrownBy(() -> CertificateAuthority.loadOrCreate(dir.resolve("ca"), " "))
                .withMessageContaining("territory");
        assertThat(dir.resolve("ca")).doesNotExist();
    }

    @Test
    void aLongTerritoryNameIsCutToTheSixtyFourCharactersOfACommonName() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), "x".repeat(60));
        String subject = TestTls.certificate(ca.certificateFile()).getSubjectX500Principal().getName();
        assertThat(subject).isEqualTo("CN=Relais CA - " + "x".repeat(52) + ",O=Relais");
    }

    @Test
    void filesAreReadableByOpenSsl() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), "Thiérache");
        IssuedCertificate server = ca.serverCertificate(dir.resolve("tls"), "server", List.of("hub.example", "10.0.0.1"));
        IssuedCertificate client = ca.clientCertificate(dir.resolve("tls"), "node", "rozoy-pi");

        assertThat(openssl("verify", "-CAfile", ca.certificateFile().toString(), "-purpose", "sslserver",
                server.certificateFile().toString())).contains(": OK");
        assertThat(openssl("verify", "-CAfile", ca.certificateFile().toString(), "-purpose", "sslclient",
                client.certificateFile().toString())).contains(": OK");
        assertThat(openssl("pkey", "-in", server.keyFile().toString(), "-noout", "-text")).contains("prime256v1");
        assertThat(openssl("x509", "-in", server.certificateFile().toString(), "-noout", "-ext", "subjectAltName"))
                .contains("DNS:hub.example").contains("IP Address:10.0.0.1");
    }

    static String openssl(String... arguments) throws IOException, InterruptedException {
        Path binary = Path.of("/usr/bin/openssl");
        assertThat(binary).as("openssl is needed to check the files: `sudo apt-get install openssl`").isExecutable();
        List<String> command = new java.util.ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }
}
