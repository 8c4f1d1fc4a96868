package fr.relais.provisioning.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import fr.relais.broker.MosquittoProcess;
import fr.relais.provisioning.secrets.GeneratedPasswords;
import fr.relais.provisioning.secrets.MosquittoPasswords;
import fr.relais.provisioning.secrets.TestBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real mosquitto serving TLS with a certificate from our CA: nodes that trust our CA get in,
 * anybody else's trust fails; and on a listener that wants client certificates, one of ours is
 * an identity, none is a refusal.
 */
class MosquittoTlsTest {
    private static final String USER = "node-rozoy";
    private static final String PASSWORD = GeneratedPasswords.generate();

    @TempDir
    static Path dir;
    private static CertificateAuthority ca;
    private static MosquittoProcess broker;
    private static int passwordPort;
    private static int certificatePort;

    @BeforeAll
    static void startBroker() throws IOException {
        ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), "Thiérache");
        IssuedCertificate server = ca.serverCertificate(dir.resolve("broker-tls"), "server",
                List.of("localhost", "127.0.0.1"));
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, USER + ":" + MosquittoPasswords.hash(PASSWORD, MosquittoPasswords.newSalt()) + "\n",
                StandardCharsets.UTF_8);
        int[] ports = MosquittoProcess.freePorts(2);
        passwordPort = ports[0];
        certificatePort = ports[1];
        String tls = "cafile " + ca.certificateFile().toAbsolutePath() + "\n"
                + "certfile " + server.certificateFile().toAbsolutePath() + "\n"
                + "keyfile " + server.keyFile().toAbsolutePath() + "\n";
        broker = TestBroker.start(dir, "per_listener_settings false\n"
                + "allow_anonymous false\n"
                + "password_file " + passwd.toAbsolutePath() + "\n"
                + "listener " + passwordPort + " 127.0.0.1\n" + tls
                + "listener " + certificatePort + " 127.0.0.1\n" + tls
                + "require_certificate true\n"
                + "use_identity_as_username true\n", passwordPort);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aClientTrustingOurCaConnectsWithItsPassword() throws Exception {
        MqttAsyncClient client = TestBroker.connect(url(passwordPort), USER, PASSWORD, TestTls.trusting(ca.certificateFile()));
        try {
            assertThat(client.isConnected()).as(broker.log()).isTrue();
        } finally {
            TestBroker.closeQuietly(client);
        }
    }

    @Test
    void theRightCaStillNeedsTheRightPassword() throws Exception {
        MqttException refused = catchThrowableOfType(MqttException.class,
                () -> TestBroker.connect(url(passwordPort), USER, "wrong", TestTls.trusting(ca.certificateFile())));
        assertThat(refused).isNotNull();
        assertThat(refused.getReasonCode()).isIn((int) MqttException.REASON_CODE_FAILED_AUTHENTICATION,
                (int) MqttException.REASON_CODE_NOT_AUTHORIZED);
    }

    @Test
    void theJvmDefaultTrustStoreDoesNotTrustOurBroker() {
        MqttException refused = catchThrowableOfType(MqttException.class,
                () -> TestBroker.connect(url(passwordPort), USER, PASSWORD, TestTls.jvmDefault()));
        assertThat(refused).isNotNull();
        assertThat(refused.getCause()).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }

    @Test
    void aClientTrustingAnotherCaRefusesOurBroker() throws Exception {
        // Same territory, so the same subject: what a node sees after somebody re-created the CA.
        CertificateAuthority other = CertificateAuthority.loadOrCreate(dir.resolve("other-ca"), "Thiérache");
        MqttException refused = catchThrowableOfType(MqttException.class,
                () -> TestBroker.connect(url(passwordPort), USER, PASSWORD, TestTls.trusting(other.certificateFile())));
        assertThat(refused).isNotNull();
        assertThat(refused.getCause()).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }

    @Test
    void aClientCertificateFromOurCaIsAnIdentity() throws Exception {
        IssuedCertificate node = ca.clientCertificate(dir.resolve("nodes"), "rozoy-pi", "rozoy-pi");
        MqttAsyncClient client = TestBroker.connect(url(certificatePort), null, null,
                TestTls.presenting(ca.certificateFile(), node.certificateFile(), node.keyFile()));
        try {
            assertThat(client.isConnected()).as(broker.log()).isTrue();
            // The broker took the certificate's CN as the MQTT user name (what the ACL will match).
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(broker.log())
                    .contains("u'rozoy-pi'"));
        } finally {
            TestBroker.closeQuietly(client);
        }
    }

    @Test
    void withoutAClientCertificateTheCertificateListenerRefuses() {
        MqttException refused = catchThrowableOfType(MqttException.class,
                () -> TestBroker.connect(url(certificatePort), USER, PASSWORD, TestTls.trusting(ca.certificateFile())));
        assertThat(refused).as("connected without a client certificate").isNotNull();
    }

    @Test
    void aClientCertificateFromAnotherCaIsRefused() throws Exception {
        CertificateAuthority other = CertificateAuthority.loadOrCreate(dir.resolve("rogue-ca"), "Rogue");
        IssuedCertificate rogue = other.clientCertificate(dir.resolve("rogue"), "rozoy-pi", "rozoy-pi");
        // The client trusts our CA for the server, but presents a certificate our CA never signed.
        SSLSocketFactory sockets = TestTls.presenting(ca.certificateFile(), rogue.certificateFile(), rogue.keyFile());
        MqttException refused = catchThrowableOfType(MqttException.class,
                () -> TestBroker.connect(url(certificatePort), null, null, sockets));
        assertThat(refused).as("connected with a certificate from another CA").isNotNull();
    }

    private static String url(int port) {
        return "ssl://127.0.0.1:" + port;
    }
}
