package fr.relais.agent.device.gpio;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * Collects the bits of Wiegand frames from the reader's two data lines: a pulse on D0 is a 0, a
 * pulse on D1 a 1, and a frame ends after {@code frameTimeout} without a pulse. A pulse while the
 * other line is active too marks the frame as noise. Frames are handed over as a number and a
 * length; they never leave this package as bits.
 *
 * <p>On a Pi, each line is watched by its own Pi4J thread: the order of bits from the two lines is
 * the order those threads hand them over, which holds for the usual 1 to 2 ms between bits but
 * not under a heavy load (a frame then fails its parity and is refused, never misread silently
 * in most cases: see edge-agent/README.md).
 */
final class WiegandReceiver {
    @FunctionalInterface
    interface FrameListener {
        void frame(long bits, int length, boolean noise);
    }

    private final InputLine d0;
    private final InputLine d1;
    private final Duration frameTimeout;
    private final Timers timers;
    private FrameListener listener = (bits, length, noise) -> { };
    private long bits;
    private int length;
    private boolean noise;
    private Optional<ScheduledFuture<?>> end = Optional.empty();

    WiegandReceiver(InputLine d0, InputLine d1, Duration frameTimeout, Timers timers) {
        this.d0 = d0;
        this.d1 = d1;
        this.frameTimeout = frameTimeout;
        this.timers = timers;
    }

    synchronized void start(FrameListener listener) {
        this.listener = listener;
        d0.listen(active -> pulse(false, active));
        d1.listen(active -> pulse(true, active));
    }

    /** Whether both lines are active now: a reader unpowered, unplugged, or with no pull-ups. */
    boolean bothActive() {
        return d0.active() && d1.active();
    }

    private synchronized void pulse(boolean one, boolean active) {
        if (!active) {
            // A bit counts on the leading edge of its pulse; the trailing edge says nothing more.
            return;
        }
        if ((one ? d0 : d1).active()) {
            noise = true;
        }
        if (length < WiegandDecoder.MAX_BITS) {
            bits = (bits << 1) | (one ? 1 : 0);
        }
        if (length <= WiegandDecoder.MAX_BITS) {
            length++;
        }
        Timers.cancel(end);
        end = timers.after(frameTimeout, "end of a Wiegand frame", this::frameEnded);
    }

    /** The listener (hash, push) is called outside this lock, so a slow push holds no bit back. */
    private void frameEnded() {
        long frame;
        int frameLength;
        boolean frameNoise;
        FrameListener told;
        synchronized (this) {
            frame = bits;
            frameLength = length;
            frameNoise = noise;
            told = listener;
            bits = 0;
            length = 0;
            noise = false;
            end = Optional.empty();
        }
        if (frameLength > 0) {
            told.frame(frame, frameLength, frameNoise);
        }
    }

    synchronized void stop() {
        Timers.cancel(end);
        listener = (frameBits, frameLength, frameNoise) -> { };
        bits = 0;
        length = 0;
        noise = false;
    }
}
