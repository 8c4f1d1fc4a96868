package fr.relais.agent.device.probe;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.config.TestPki;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time to first byte of an HTTPS answer, from loopback servers of the tests' private CA: trusted,
 * untrusted, for another name, silent, refusing.
 */
class FirstByteTimerTest {
    private static final TestPki AUTHORITY = TestPki.authority("Relais test CA");
    private static final String HEALTH = "{\"status\":\"ok\"}";

    @TempDir
    Path dir;

    private final Loopback loopback = new Loopback();
    private final ExecutorService executor = Executors.newCachedThreadPool(Daemons.named("ttfb-test"));

    @AfterEach
    void tearDown() {
        loopback.close();
        executor.shutdownNow();
    }

    private HttpsResult measure(int port, String path, HubTrust trust) throws Exception {
        FirstByteTimer timer = new FirstByteTimer(URI.create("https://127.0.0.1:" + port + path), Duration.ofSeconds(2),
                trust.sslContext(), executor);
        return timer.start().get(10, TimeUnit.SECONDS);
    }

    private HubTrust trustingTheTestAuthority() throws Exception {
        Path file = AUTHORITY.writeCertificate(dir.resolve("hub-ca.pem"));
        return HubTrust.read("settings.caFile", Optional.of(file.toString()));
    }

    private Loopback.Http hub(SSLContext tls) {
        return loopback.https(tls, out -> {
            Loopback.head(out, 200, HEALTH.length());
            out.write(HEALTH.getBytes(StandardCharsets.US_ASCII));
        });
    }

    @Test
    void aTrustedHubAnswersWithItsFirstByteTime() throws Exception {
        Loopback.Http hub = hub(TestTls.server(AUTHORITY, AUTHORITY.server("hub", "127.0.0.1")));

        HttpsResult result = measure(hub.port, "/api/health", trustingTheTestAuthority());

        assertThat(result.failure()).isEmpty();
        assertThat(result.status()).contains(200);
        assertThat(result.firstByteMillis()).get().matches(ms -> ms >= 0);
    }

    @Test
    void anAnswerWithoutBodyCountsAtItsEnd() throws Exception {
        Loopback.Http hub = loopback.https(TestTls.server(AUTHORITY, AUTHORITY.server("hub", "127.0.0.1")),
                out -> Loopback.head(out, 204, 0));

        HttpsResult result = measure(hub.port, "/", trustingTheTestAuthority());

        assertThat(result.status()).contains(204);
        assertThat(result.firstByteMillis()).get().matches(ms -> ms >= 0);
    }

    @Test
    void aCertificateFromAnAuthorityTheNodeDoesNotTrustIsACertificateProblem() throws Exception {
        Loopback.Http hub = hub(TestTls.server(AUTHORITY, AUTHORITY.server("hub", "127.0.0.1")));

        HttpsResult result = measure(hub.port, "/api/health", HubTrust.system());

        assertThat(result.firstByteMillis()).isEmpty();
        assertThat(result.failure()).get().extracting(Failure::kind).isEqualTo(FailureKind.CERTIFICATE);
        assertThat(hub.requests).hasValue(0);
    }

    @Test
    void aCertificateForAnotherNameIsACertificateProblem() throws Exception {
        Loopback.Http hub = hub(TestTls.server(AUTHORITY, AUTHORITY.server("hub", "hub.example")));

        HttpsResult result = measure(hub.port, "/api/health", trustingTheTestAuthority());

        assertThat(result.failure()).get().extracting(Failure::kind).isEqualTo(FailureKind.CERTIFICATE);
    }

    @Test
    void anExpiredCertificateIsACertificateProblem() throws Exception {
        Loopback.Http hub = hub(TestTls.server(AUTHORITY, AUTHORITY.expiredServer("hub", "127.0.0.1")));

        HttpsResult result = measure(hub.port, "/api/health", trustingTheTestAuthority());

        assertThat(result.failure()).get().extracting(Failure::kind).isEqualTo(FailureKind.CERTIFICATE);
    }

    @Test
    void aServerThatAcceptsButNeverAnswersTimesOut() throws Exception {
        HttpsResult result = measure(loopback.silent(), "/api/health", trustingTheTestAuthority());

        assertThat(result.failure()).get().extracting(Failure::kind).isEqualTo(FailureKind.TIMEOUT);
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        HttpsResult result = measure(loopback.refusing().port(), "/api/health", trustingTheTestAuthority());

        assertThat(result.failure()).get().extracting(Failure::kind).isEqualTo(FailureKind.REFUSED);
    }
}
