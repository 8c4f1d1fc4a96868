package fr.relais.agent.device.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TCP handshakes timed against real loopback peers: one that listens, one that refuses, one that drops SYNs. */
class ConnectLatencyTest {
    private final Loopback loopback = new Loopback();
    private final ConnectLatency latency = new ConnectLatency(3, Duration.ofMillis(300));

    @AfterEach
    void tearDown() {
        loopback.close();
    }

    private TargetResult measure(TcpTarget target) throws Exception {
        return latency.measure(target, InetAddress.getByName(target.host()));
    }

    @Test
    void aListeningTargetAnswersEveryAttempt() throws Exception {
        TargetResult result = measure(loopback.listening());

        assertThat(result.sent()).isEqualTo(3);
        assertThat(result.received()).isEqualTo(3);
        assertThat(result.lossPercent()).isZero();
        assertThat(result.lastFailure()).isEmpty();
        assertThat(result.millis()).allSatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(0.0));
        assertThat(result.min().orElseThrow()).isLessThanOrEqualTo(result.median().orElseThrow());
        assertThat(result.median().orElseThrow()).isLessThanOrEqualTo(result.max().orElseThrow());
    }

    @Test
    void aClosedPortIsRefusedAndEveryAttemptIsLost() throws Exception {
        TargetResult result = measure(loopback.refusing());

        assertThat(result.sent()).isEqualTo(3);
        assertThat(result.received()).isZero();
        assertThat(result.lossPercent()).isEqualTo(100.0);
        assertThat(result.median()).isEmpty();
        assertThat(result.lastFailure()).get().extracting(Failure::kind).isEqualTo(FailureKind.REFUSED);
    }

    @Test
    void aListenerWhoseBacklogIsFullTimesOut() throws Exception {
        TargetResult result = measure(loopback.blackholed());

        assertThat(result.received()).isZero();
        assertThat(result.lastFailure()).get().extracting(Failure::kind).isEqualTo(FailureKind.TIMEOUT);
    }
}
