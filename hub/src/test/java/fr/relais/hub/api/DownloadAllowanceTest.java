package fr.relais.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.alert.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The throughput test's budget on a clock that stands still: who may download, how much, how many at once. */
class DownloadAllowanceTest {
    private static final String SITE_BOX = "203.0.113.7";
    private static final String OTHER_SITE = "198.51.100.20";
    private static final long FIFTY_MB = 50_000_000;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final DownloadAllowance allowance = DownloadAllowance.standard(clock);

    /** Takes and ends at once a download of {@code bytes}; whether it was allowed. */
    private boolean downloadWhole(String client, long bytes) {
        boolean allowed = allowance.take(client, bytes).isEmpty();
        if (allowed) {
            allowance.release(client);
        }
        return allowed;
    }

    @Test
    void aClientHasTwoHundredMegabytesAnHourThatComeBackOverTheHour() {
        for (int i = 0; i < 4; i++) {
            assertThat(downloadWhole(SITE_BOX, FIFTY_MB)).as("test %d", i + 1).isTrue();
        }
        assertThat(allowance.take(SITE_BOX, 5_000_000)).get().satisfies(refusal -> {
            assertThat(refusal.reason()).isEqualTo("this address has used its 200 MB of throughput tests for the hour");
            assertThat(refusal.retryAfter()).isEqualTo(Duration.ofSeconds(90));
        });
        assertThat(downloadWhole(OTHER_SITE, FIFTY_MB)).as("another address has its own budget").isTrue();

        clock.advance(Duration.ofSeconds(90));
        assertThat(downloadWhole(SITE_BOX, 5_000_000)).as("after the wait it was told").isTrue();
        clock.advance(Duration.ofHours(2));
        for (int i = 0; i < 4; i++) {
            assertThat(downloadWhole(SITE_BOX, FIFTY_MB)).as("a full budget again, not more").isTrue();
        }
        assertThat(downloadWhole(SITE_BOX, 1_000_000)).isFalse();
    }

    @Test
    void twoDownloadsAtOnceForAClientAndEightInAll() {
        assertThat(allowance.take(SITE_BOX, 1_000)).isEmpty();
        assertThat(allowance.take(SITE_BOX, 1_000)).isEmpty();
        assertThat(allowance.take(SITE_BOX, 1_000)).get().satisfies(refusal -> {
            assertThat(refusal.reason()).isEqualTo("this address already runs 2 throughput tests");
            assertThat(refusal.retryAfter()).isEqualTo(DownloadAllowance.BUSY_RETRY);
        });
        allowance.release(SITE_BOX);
        assertThat(allowance.take(SITE_BOX, 1_000)).as("once one has ended").isEmpty();

        for (int i = 0; i < 6; i++) {
            assertThat(allowance.take("192.0.2." + i, 1_000)).isEmpty();
        }
        assertThat(allowance.take(OTHER_SITE, 1_000)).get().extracting(DownloadAllowance.Refusal::reason)
                .isEqualTo("the hub already serves 8 throughput tests");
    }

    @Test
    void aRefusedDownloadCostsNothing() {
        assertThat(allowance.take(SITE_BOX, 1_000)).isEmpty();
        assertThat(allowance.take(SITE_BOX, 1_000)).isEmpty();
        for (int i = 0; i < 100; i++) {
            assertThat(allowance.take(SITE_BOX, FIFTY_MB)).isPresent();
        }
        allowance.release(SITE_BOX);
        allowance.release(SITE_BOX);
        for (int i = 0; i < 3; i++) {
            assertThat(downloadWhole(SITE_BOX, FIFTY_MB)).isTrue();
        }
    }
}
