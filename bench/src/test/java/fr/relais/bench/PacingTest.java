package fr.relais.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The publishers' pacing by what the receiver took, on a counter and a clock of the test's own. */
class PacingTest {
    private final AtomicLong taken = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private Pacing pacing(long window) {
        return new Pacing(() -> {
            reads.incrementAndGet();
            return taken.get();
        }, window, 50, clock::get);
    }

    @Test
    void publishersBelowTheWindowNeverReadTheReceiver() {
        Pacing pacing = pacing(1_000);

        assertThat(pacing.mayIssue(0)).isTrue();
        assertThat(pacing.mayIssue(999)).isTrue();

        assertThat(reads).hasValue(0);
        assertThat(pacing.waits()).isZero();
    }

    @Test
    void publishersAWindowAheadWaitUntilTheReceiverCatchesUp() {
        Pacing pacing = pacing(1_000);
        taken.set(100);

        assertThat(pacing.mayIssue(1_100)).isFalse();
        assertThat(pacing.waits()).isEqualTo(1);

        taken.set(101);
        clock.addAndGet(50);
        assertThat(pacing.mayIssue(1_100)).isTrue();
        assertThat(pacing.mayIssue(1_100)).isTrue();
        assertThat(pacing.mayIssue(1_101)).isFalse();
    }

    @Test
    void theReceiverIsReadAtMostOncePerRefreshInterval() {
        Pacing pacing = pacing(10);

        assertThat(pacing.mayIssue(10)).isFalse();
        assertThat(pacing.mayIssue(10)).isFalse();
        taken.set(5);
        assertThat(pacing.mayIssue(10)).isFalse();
        assertThat(reads).hasValue(1);

        clock.addAndGet(50);
        assertThat(pacing.mayIssue(10)).isTrue();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aReceiverThatCannotAnswerKeepsThePublishersWaitingOnItsLastCount() {
        AtomicLong answer = new AtomicLong(7);
        Pacing pacing = new Pacing(() -> {
            if (answer.get() < 0) {
                throw new IOException("the hub's API does not answer while its database restarts");
            }
            return answer.get();
        }, 10, 0, clock::get);

        assertThat(pacing.mayIssue(16)).isTrue();
        answer.set(-1);
        assertThat(pacing.mayIssue(17)).isFalse();
        answer.set(8);
        assertThat(pacing.mayIssue(17)).isTrue();
    }

    @Test
    void aCountThatGoesBackDoesNotLetThePublishersFurtherAhead() {
        Pacing pacing = new Pacing(taken::get, 10, 0, clock::get);
        taken.set(20);
        assertThat(pacing.mayIssue(29)).isTrue();
        taken.set(0);
        assertThat(pacing.mayIssue(29)).isTrue();
        assertThat(pacing.mayIssue(30)).isFalse();
    }

    @Test
    void noPacingNeverWaits() {
        assertThat(Pacing.NONE.mayIssue(Long.MAX_VALUE - 1)).isTrue();
    }

    @Test
    void aWindowOfNothingIsRefused() {
        assertThatThrownBy(() -> new Pacing(taken::get, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }
}
