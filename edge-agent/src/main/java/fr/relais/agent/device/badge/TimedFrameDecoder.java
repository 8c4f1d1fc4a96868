package fr.relais.agent.device.badge;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the serial framings share: bytes handed to the framing one by one, and a frame left
 * unfinished for the timeout, or cut by the reader going away, refused rather than guessed.
 */
abstract class TimedFrameDecoder implements FrameDecoder {
    private final Duration timeout;
    private Instant lastByte = Instant.MIN;

    TimedFrameDecoder(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public final List<DecodedFrame> feed(byte[] bytes, int length, Instant now) {
        List<DecodedFrame> frames = new ArrayList<>(idle(now));
        lastByte = now;
        for (int i = 0; i < length; i++) {
            accept(bytes[i] & 0xff, frames);
        }
        return frames;
    }

    @Override
    public final List<DecodedFrame> idle(Instant now) {
        if (betweenFrames() || Duration.between(lastByte, now).compareTo(timeout) < 0) {
            return List.of();
        }
        return finish("incomplete frame (no " + frameEnd() + " within " + timeout.toMillis() + " ms)");
    }

    @Override
    public final List<DecodedFrame> end() {
        return finish("incomplete frame (the reader went away)");
    }

    private List<DecodedFrame> finish(String reason) {
        boolean cut = inFrame();
        reset();
        return cut ? List.of(DecodedFrame.rejected(reason)) : List.of();
    }

    /** Takes one byte; adds what it completes or refuses to {@code frames}. */
    abstract void accept(int b, List<DecodedFrame> frames);

    /** Nothing pending: neither a frame being read nor the rest of a refused one being skipped. */
    abstract boolean betweenFrames();

    /** A frame is being read (a refused one being skipped is not). */
    abstract boolean inFrame();

    /** Back to waiting for the next frame. */
    abstract void reset();

    /** What ends a frame, for the timeout's reason ("end of line", "ETX"). */
    abstract String frameEnd();
}
