package fr.relais.agent.device.badge;

import java.time.Duration;
import java.util.List;

/**
 * Frames of a serial reader that sends its number as a line of text: ASCII letters and digits
 * (decimal or hex), ended by CR, LF or both, optionally framed by STX (0x02) and ETX (0x03),
 * which also ends a frame. Anything else inside a frame, a number shorter than
 * {@value FrameDecoder#MIN_NUMBER_LENGTH} or longer than {@value FrameDecoder#MAX_NUMBER_LENGTH}
 * characters, and a line left unfinished for the frame timeout is refused; after a refusal the
 * rest of the line is skipped, so one bad line is one refusal.
 */
final class LineDecoder extends TimedFrameDecoder {
    private static final int STX = 0x02;
    private static final int ETX = 0x03;

    private enum State { IDLE, IN_FRAME, SKIPPING }

    private final StringBuilder number = new StringBuilder(MAX_NUMBER_LENGTH);
    private State state = State.IDLE;

    LineDecoder() {
        this(FRAME_TIMEOUT);
    }

    LineDecoder(Duration timeout) {
        super(timeout);
    }

    @Override
    boolean betweenFrames() {
        return state == State.IDLE;
    }

    @Override
    boolean inFrame() {
        return state == State.IN_FRAME;
    }

    @Override
    void reset() {
        state = State.IDLE;
        number.setLength(0);
    }

    @Override
    String frameEnd() {
        return "end of line";
    }

    @Override
    void accept(int b, List<DecodedFrame> frames) {
        if (b == STX) {
            if (state == State.IN_FRAME && number.length() > 0) {
                frames.add(DecodedFrame.rejected("frame cut short by the start of another"));
            }
            number.setLength(0);
            state = State.IN_FRAME;
        } else if (b == ETX || b == '\r' || b == '\n') {
            if (state == State.IN_FRAME) {
                frames.add(complete());
            }
            number.setLength(0);
            state = State.IDLE;
        } else if (state == State.SKIPPING) {
            return;
        } else if (isLetterOrDigit(b)) {
            if (number.length() == MAX_NUMBER_LENGTH) {
                refuse(frames, "longer than " + MAX_NUMBER_LENGTH + " characters");
            } else {
                number.append((char) b);
                state = State.IN_FRAME;
            }
        } else {
            refuse(frames, "a byte that is neither an ASCII letter nor a digit");
        }
    }

    private void refuse(List<DecodedFrame> frames, String reason) {
        frames.add(DecodedFrame.rejected(reason));
        number.setLength(0);
        state = State.SKIPPING;
    }

    private DecodedFrame complete() {
        if (number.length() == 0) {
            return DecodedFrame.rejected("empty frame");
        }
        if (number.length() < MIN_NUMBER_LENGTH) {
            return DecodedFrame.rejected("shorter than " + MIN_NUMBER_LENGTH + " characters");
        }
        return DecodedFrame.badge(number.toString());
    }

    private static boolean isLetterOrDigit(int b) {
        return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
    }
}
