package fr.relais.agent.device.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The throughput test against loopback servers that send everything, too much, too slowly, cut
 * the connection or refuse: it always ends within its bounds, and says how.
 */
class DownloadTest {
    private static final long MEGABYTES_50 = 50_000_000;

    private final Loopback loopback = new Loopback();
    private final ExecutorService executor = Executors.newCachedThreadPool(Daemons.named("download-test"));

    @AfterEach
    void tearDown() {
        loopback.close();
        executor.shutdownNow();
    }

    private ThroughputResult download(Loopback.Http server, long maxBytes, long maxSeconds) throws InterruptedException {
        ThroughputSettings settings = new ThroughputSettings(URI.create(server.url("/api/probe/download")), maxBytes,
                Duration.ofSeconds(maxSeconds), Duration.ofHours(6));
        return new Download(settings, HubTrust.system().sslContext(), executor).run();
    }

    @Test
    void aFileSmallerThanTheBoundsIsDownloadedWhole() throws Exception {
        Loopback.Http server = loopback.http(out -> {
            Loopback.head(out, 200, 200_000);
            Loopback.body(out, 200_000, 16_384, 0);
        });

        ThroughputResult result = download(server, 5_000_000, 20);

        assertThat(result.ending()).isEqualTo(ThroughputResult.Ending.COMPLETE);
        assertThat(result.bytes()).isEqualTo(200_000);
        assertThat(result.failure()).isEmpty();
        assertThat(result.mbps()).get().matches(mbps -> mbps >= 0);
    }

    @Test
    void theDownloadStopsAtMaxBytesAndTheServerStopsSending() throws Exception {
        Loopback.Http server = loopback.http(out -> {
            Loopback.head(out, 200, MEGABYTES_50);
            Loopback.body(out, MEGABYTES_50, 65_536, 0);
        });

        ThroughputResult result = download(server, 100_000, 20);

        assertThat(result.ending()).isEqualTo(ThroughputResult.Ending.BYTE_LIMIT);
        assertThat(result.bytes()).isEqualTo(100_000);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(server.abandoned).as("the server's writes fail once the probe hangs up").hasValue(1));
    }

    @Test
    void aThrottledDownloadStopsAtMaxSecondsWithWhatCameSoFar() throws Exception {
        Loopback.Http server = loopback.http(out -> {
            Loopback.head(out, 200, 10_000_000);
            Loopback.body(out, 10_000_000, 1_000, 50);
        });

        ThroughputResult result = download(server, 5_000_000, 1);

        assertThat(result.ending()).isEqualTo(ThroughputResult.Ending.TIME_LIMIT);
        assertThat(result.bytes()).isPositive().isLessThan(10_000_000);
        assertThat(result.mbps()).get().matches(mbps -> mbps >= 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(server.abandoned).hasValue(1));
    }

    @Test
    void aConnectionDroppedMidDownloadGivesAPartialResult() throws Exception {
        Loopback.Http server = loopback.http(out -> {
            Loopback.head(out, 200, 1_000_000);
            Loopback.body(out, 100_000, 10_000, 0);
        });

        ThroughputResult result = download(server, 5_000_000, 20);

        assertThat(result.ending()).isEqualTo(ThroughputResult.Ending.DROPPED);
        assertThat(result.bytes()).isEqualTo(100_000);
        assertThat(result.failure()).isPresent();
        assertThat(result.whole()).isFalse();
    }

    @Test
    void aRefusalByTheServerIsAFailedTestWithItsStatus() throws Exception {
        Loopback.Http server = loopback.http(out -> Loopback.head(out, 429, 0));

        ThroughputResult result = download(server, 5_000_000, 20);

        assertThat(result.ending()).isEqualTo(ThroughputResult.Ending.FAILED);
        assertThat(result.bytes()).isZero();
        assertThat(result.mbps()).isEmpty();
        assertThat(result.failure()).get().extracting(Failure::kind).isEqualTo(FailureKind.HTTP_STATUS);
        assertThat(result.failure().orElseThrow().detail()).isEqualTo("HTTP 429");
    }

    @Test
    void aServerThatNeverAnswersFailsAtMaxSeconds() throws Exception {
        Loopback.Http silent = new Loopback.Http(loopback.silent());

        ThroughputResult result = download(silent, 5_000_000, 1);

        assertThat(result.ending()).isEqualTo(ThroughputResult.Ending.FAILED);
        assertThat(result.failure()).get().extracting(Failure::kind).isEqualTo(FailureKind.TIMEOUT);
    }
}
