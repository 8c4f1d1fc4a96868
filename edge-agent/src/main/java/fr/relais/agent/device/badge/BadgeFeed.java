package fr.relais.agent.device.badge;

import fr.relais.agent.device.DeviceSink;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a reader's decoded frames go: a number is hashed at once (the clear number goes no
 * further), repeats are folded, and reads and refusals become badge events and counters. At
 * most {@link #REJECT_EVENTS_PER_MINUTE} refusals a minute become events: a reader spewing noise
 * would otherwise fill the outbox; the counters still count every one.
 */
final class BadgeFeed {
    private static final Logger LOG = LoggerFactory.getLogger(BadgeFeed.class);
    static final int REJECT_EVENTS_PER_MINUTE = 10;

    private final String deviceId;
    private final String format;
    private final BadgeHasher hasher;
    private final ReaderCounters counters;
    private final DeviceSink sink;
    private final RepeatFilter repeats = new RepeatFilter();
    private Instant rejectMinute = Instant.MIN;
    private int rejectEventsThisMinute;

    BadgeFeed(String deviceId, String format, BadgeHasher hasher, ReaderCounters counters, DeviceSink sink) {
        this.deviceId = deviceId;
        this.format = format;
        this.hasher = hasher;
        this.counters = counters;
        this.sink = sink;
    }

    void deliver(List<DecodedFrame> frames, Instant now) {
        for (DecodedFrame frame : frames) {
            if (frame instanceof DecodedFrame.Badge badge) {
                read(hasher.hash(badge.number()), now);
            } else if (frame instanceof DecodedFrame.Rejected rejected) {
                rejected(rejected.reason(), now);
            }
        }
    }

    private void rejected(String reason, Instant now) {
        LOG.debug("{}: frame rejected: {}", deviceId, reason);
        if (!now.isBefore(rejectMinute.plusSeconds(60))) {
            rejectMinute = now;
            rejectEventsThisMinute = 0;
        }
        boolean reported = rejectEventsThisMinute < REJECT_EVENTS_PER_MINUTE;
        counters.rejected(now, reported);
        if (reported) {
            rejectEventsThisMinute++;
            sink.event(BadgeEvents.rejected(reason, format));
        }
    }

    private void read(String hash, Instant now) {
        boolean repeat = repeats.isRepeat(hash, now);
        counters.read(now, repeat);
        if (repeat) {
            return;
        }
        LOG.debug("{}: badge read, hash {}", deviceId, hash);
        sink.event(BadgeEvents.read(hash, format));
    }
}
