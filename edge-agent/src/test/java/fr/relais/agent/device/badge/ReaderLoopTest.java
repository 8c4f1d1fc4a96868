package fr.relais.agent.device.badge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceException;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.Birth;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Health;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reader's thread outlives what it did not expect: a byte source (a driver or library bug)
 * throwing something else than "the reader went away" is taken as the reader lost, said so, and
 * reopened, instead of a dead thread behind counters that still say "connected".
 */
class ReaderLoopTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String HASH = TestDriverContext.HASHER.hash("0004213370");

    private final RecordingSink sink = new RecordingSink();
    private final AtomicInteger opened = new AtomicInteger();
    private StreamBadgeReader reader;

    @AfterEach
    void close() {
        if (reader != null) {
            reader.close();
        }
    }

    @Test
    void aSourceThrowingSomethingUnexpectedIsTakenAsLostThenReopened() throws DeviceException {
        QueueSource good = new QueueSource();
        reader = new StreamBadgeReader(new Birth.DeviceInfo("badge-serial", DeviceKind.BADGE_READER, "Lecteur", false),
                "serial", () -> opened.incrementAndGet() == 1 ? new BrokenSource() : good, LineDecoder::new,
                TestDriverContext.HASHER, Clock.systemUTC());

        reader.open(sink);

        await().atMost(WAIT).until(() -> !sink.events(ReaderEvents.UNPLUGGED).isEmpty());
        assertThat(sink.events(ReaderEvents.UNPLUGGED).get(0).data().toString()).contains("IllegalStateException");
        await().atMost(WAIT).until(() -> !sink.events(ReaderEvents.RECONNECTED).isEmpty());
        Reading back = reader.read(java.time.Instant.now());
        assertThat(back.health()).isEqualTo(Health.OK);
        assertThat(back.metrics()).containsEntry("connected", true).containsEntry("unplugs", 1L);

        good.bytes.add("0004213370\r\n".getBytes(StandardCharsets.US_ASCII));

        await().atMost(WAIT).until(() -> !sink.events(BadgeEvents.READ).isEmpty());
        DeviceEvent read = sink.events(BadgeEvents.READ).get(0);
        assertThat(read.data()).containsEntry("badgeHash", HASH);
    }

    @Test
    void whileItCannotBeReopenedTheReaderIsUnpluggedNotConnected() throws DeviceException {
        reader = new StreamBadgeReader(new Birth.DeviceInfo("badge-serial", DeviceKind.BADGE_READER, "Lecteur", false),
                "serial", () -> {
                    if (opened.incrementAndGet() == 1) {
                        return new BrokenSource();
                    }
                    throw new IllegalArgumentException("a bug in the opener");
                }, LineDecoder::new, TestDriverContext.HASHER, Clock.systemUTC());

        reader.open(sink);

        await().atMost(WAIT).until(() -> opened.get() >= 3);
        Reading reading = reader.read(java.time.Instant.now());
        assertThat(reading.health()).isEqualTo(Health.CRITICAL);
        assertThat(reading.metrics()).containsEntry("connected", false);
        assertThat(sink.events(ReaderEvents.UNPLUGGED)).hasSize(1);
    }

    /** What a buggy driver does: neither bytes nor "gone", but an exception nobody expected. */
    private static final class BrokenSource implements ByteSource {
        @Override
        public int read(byte[] buffer, Duration wait) {
            throw new IllegalStateException("a bug in the driver");
        }

        @Override
        public void close() {
        }
    }

    private static final class QueueSource implements ByteSource {
        private final BlockingQueue<byte[]> bytes = new ArrayBlockingQueue<>(10);

        @Override
        public int read(byte[] buffer, Duration wait) {
            try {
                byte[] next = bytes.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
                if (next == null) {
                    return 0;
                }
                System.arraycopy(next, 0, buffer, 0, next.length);
                return next.length;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }

        @Override
        public void close() {
        }
    }
}
