package fr.relais.agent.device.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Times TCP handshakes to one target, RIPE Atlas' "TCP ping": an unprivileged stand-in for ICMP
 * (no raw socket, no {@code CAP_NET_RAW} for the agent), through the same firewalls as the
 * agent's own traffic. The attempts follow one another so that each sees the line as the others
 * left it; a refused or unanswered one counts as lost. Each connection is closed at once, before
 * a byte is sent.
 */
final class ConnectLatency {
    private final int attempts;
    private final Duration timeout;

    ConnectLatency(int attempts, Duration timeout) {
        this.attempts = attempts;
        this.timeout = timeout;
    }

    TargetResult measure(TcpTarget target, InetAddress address) {
        InetSocketAddress endpoint = new InetSocketAddress(address, target.port());
        List<Double> millis = new ArrayList<>();
        Optional<Failure> lastFailure = Optional.empty();
        int sent = 0;
        for (int i = 0; i < attempts && !Thread.currentThread().isInterrupted(); i++) {
            sent++;
            try (Socket socket = new Socket()) {
                long start = System.nanoTime();
                socket.connect(endpoint, (int) timeout.toMillis());
                millis.add(Elapsed.millisSince(start));
            } catch (IOException e) {
                lastFailure = Optional.of(Failure.of(e));
            }
        }
        return new TargetResult(target, sent, millis, lastFailure);
    }
}
