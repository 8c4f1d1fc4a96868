package fr.relais.agent.device.badge;

import fr.relais.agent.device.DeviceException;
import fr.relais.agent.device.DeviceSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader's own thread: reads bytes, decodes and delivers them, and when the reader goes away
 * (USB unplugged, serial adapter gone) says so once, then tries to open it again every
 * {@link #REOPEN_INTERVAL} until it is back. It owns the byte source it reads and closes it.
 */
final class ReaderLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ReaderLoop.class);
    /** How long one read waits for bytes, so an incomplete frame expires and a stop is noticed. */
    static final Duration READ_WAIT = Duration.ofMillis(200);
    static final Duration REOPEN_INTERVAL = Duration.ofSeconds(1);

    private final String deviceId;
    private final ByteSource.Opener opener;
    private final FrameDecoder decoder;
    private final BadgeFeed feed;
    private final ReaderCounters counters;
    private final DeviceSink sink;
    private final Clock clock;
    private final ByteSource first;
    private final byte[] buffer = new byte[4096];
    private volatile boolean running = true;
    /** Only the loop's thread uses it; null while the reader is away. */
    private ByteSource source;
    private String lastOpenProblem = "";
    private String lastFailure = "";

    ReaderLoop(String deviceId, ByteSource first, ByteSource.Opener opener, FrameDecoder decoder, BadgeFeed feed,
               ReaderCounters counters, DeviceSink sink, Clock clock) {
        this.deviceId = deviceId;
        this.first = first;
        this.opener = opener;
        this.decoder = decoder;
        this.feed = feed;
        this.counters = counters;
        this.sink = sink;
        this.clock = clock;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        source = first;
        try {
            while (running) {
                try {
                    step();
                } catch (Throwable e) {
                    // Whatever went wrong (a driver or library bug), the thread must live on and the
                    // counters must not keep saying "connected" for a reader nobody reads.
                    failed(e);
                }
            }
        } finally {
            closeSource();
        }
    }

    /** One read of the open reader, or one attempt to open it again. */
    private void step() throws ReaderGoneException {
        if (source == null) {
            reopen();
            if (source == null && !pause()) {
                running = false;
            }
            return;
        }
        try {
            int length = source.read(buffer, READ_WAIT);
            decode(buffer, length);
        } catch (ReaderGoneException e) {
            closeSource();
            lost(e.getMessage());
        }
    }

    private void failed(Throwable e) {
        closeSource();
        if (!running) {
            return;
        }
        String reason = "unexpected error: " + e;
        if (!reason.equals(lastFailure)) {
            lastFailure = reason;
            LOG.error("{}: the badge reader failed; trying to reopen it every {} s", deviceId,
                    REOPEN_INTERVAL.toSeconds(), e);
        }
        try {
            if (counters.isConnected()) {
                counters.unplugged(reason);
                sink.event(ReaderEvents.unplugged(reason));
                sink.reading(counters.reading(clock.instant()));
            }
        } catch (RuntimeException again) {
            LOG.warn("{}: could not report the failure: {}", deviceId, again.toString());
        }
        if (!pause()) {
            running = false;
        }
    }

    private void closeSource() {
        ByteSource closing = source;
        source = null;
        if (closing != null) {
            try {
                closing.close();
            } catch (RuntimeException e) {
                LOG.warn("{}: closing the badge reader failed: {}", deviceId, e.toString());
            }
        }
    }

    private void decode(byte[] buffer, int length) {
        Instant now = clock.instant();
        try {
            List<DecodedFrame> frames = length > 0 ? decoder.feed(buffer, length, now) : decoder.idle(now);
            feed.deliver(frames, now);
        } catch (RuntimeException e) {
            // A decoder bug must not end the reader's thread; the bytes are not logged (they may hold a number).
            LOG.warn("{}: decoding failed: {}", deviceId, e.toString());
        }
    }

    private void lost(String reason) {
        Instant now = clock.instant();
        feed.deliver(decoder.end(), now);
        counters.unplugged(reason);
        LOG.warn("{}: badge reader unplugged or unreachable ({}); trying to reopen it every {} s", deviceId, reason,
                REOPEN_INTERVAL.toSeconds());
        sink.event(ReaderEvents.unplugged(reason));
        sink.reading(counters.reading(now));
    }

    private void reopen() {
        try {
            // Kept at once: a failure while saying it is back must not leak the opened device.
            source = opener.open();
            counters.connected();
            lastOpenProblem = "";
            LOG.info("{}: badge reader back", deviceId);
            sink.event(ReaderEvents.reconnected());
            sink.reading(counters.reading(clock.instant()));
        } catch (DeviceException e) {
            if (!String.valueOf(e.getMessage()).equals(lastOpenProblem)) {
                lastOpenProblem = String.valueOf(e.getMessage());
                LOG.info("{}: badge reader still absent: {}", deviceId, lastOpenProblem);
            }
        }
    }

    /** Waits before the next attempt; false when asked to stop. */
    private boolean pause() {
        try {
            Thread.sleep(REOPEN_INTERVAL.toMillis());
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
