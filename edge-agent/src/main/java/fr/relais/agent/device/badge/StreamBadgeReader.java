package fr.relais.agent.device.badge;

import fr.relais.agent.device.Device;
import fr.relais.agent.device.DeviceException;
import fr.relais.agent.device.DeviceSink;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.Birth;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A badge reader that sends a stream of bytes (a keyboard-wedge reader through evdev, a serial
 * module): {@link #open} takes hold of it (a failure is the device's health, retried at the next
 * poll by the node) and starts the reader's own thread, which pushes badge events as they come
 * and reopens the reader after an unplug; a poll reports the counters and health.
 */
final class StreamBadgeReader implements Device {
    private static final Logger LOG = LoggerFactory.getLogger(StreamBadgeReader.class);
    private static final long STOP_WAIT_MILLIS = 2_000;

    private final Birth.DeviceInfo info;
    private final String format;
    private final ByteSource.Opener opener;
    private final Supplier<FrameDecoder> decoders;
    private final BadgeHasher hasher;
    private final Clock clock;
    private final ReaderCounters counters = new ReaderCounters();
    private ReaderLoop loop;
    private Thread thread;

    /**
     * @param format   the {@code format} of its badge events
     * @param decoders a fresh decoder for each opening
     */
    StreamBadgeReader(Birth.DeviceInfo info, String format, ByteSource.Opener opener,
                      Supplier<FrameDecoder> decoders, BadgeHasher hasher, Clock clock) {
        this.info = info;
        this.format = format;
        this.opener = opener;
        this.decoders = decoders;
        this.hasher = hasher;
        this.clock = clock;
    }

    @Override
    public Birth.DeviceInfo info() {
        return info;
    }

    @Override
    public void open(DeviceSink sink) throws DeviceException {
        ByteSource source = opener.open();
        counters.connected();
        BadgeFeed feed = new BadgeFeed(info.id(), format, hasher, counters, sink);
        loop = new ReaderLoop(info.id(), source, opener, decoders.get(), feed, counters, sink, clock);
        thread = new Thread(loop, "badge-reader-" + info.id());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public Reading read(Instant now) {
        return counters.reading(now);
    }

    @Override
    public void close() {
        if (loop == null) {
            return;
        }
        loop.stop();
        thread.interrupt();
        try {
            thread.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{}: the badge reader's thread did not stop within {} ms", info.id(), STOP_WAIT_MILLIS);
        }
        loop = null;
    }
}
