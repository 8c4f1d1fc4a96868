package fr.relais.agent.device.badge;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Frames of a 125 kHz RDM6300-type module (EM4100 cards): STX (0x02), ten hex characters (a
 * version byte and the card's 32-bit number), two hex characters of checksum (the XOR of the
 * five data bytes), ETX (0x03). The checksum is verified. The number given on is the card's
 * 32 bits in decimal, ten digits with leading zeros, as printed on EM4100 cards and typed by
 * most keyboard-wedge 125 kHz readers: the same card hashes alike on both kinds of reader.
 * The module repeats the frame while the card lies on it; the repeats are folded downstream.
 */
final class Rdm6300Decoder extends TimedFrameDecoder {
    static final int STX = 0x02;
    static final int ETX = 0x03;
    /** The characters between STX and ETX: ten of data, two of checksum. */
    static final int PAYLOAD_LENGTH = 12;

    private enum State { BETWEEN_FRAMES, IN_FRAME, SKIPPING }

    private final StringBuilder payload = new StringBuilder(PAYLOAD_LENGTH);
    private State state = State.BETWEEN_FRAMES;

    Rdm6300Decoder() {
        this(FRAME_TIMEOUT);
    }

    Rdm6300Decoder(Duration timeout) {
        super(timeout);
    }

    @Override
    boolean betweenFrames() {
        return state == State.BETWEEN_FRAMES;
    }

    @Override
    boolean inFrame() {
        return state == State.IN_FRAME;
    }

    @Override
    void reset() {
        state = State.BETWEEN_FRAMES;
        payload.setLength(0);
    }

    @Override
    String frameEnd() {
        return "ETX";
    }

    @Override
    void accept(int b, List<DecodedFrame> frames) {
        if (b == STX) {
            if (state == State.IN_FRAME) {
                frames.add(DecodedFrame.rejected("frame cut short by the start of another"));
            }
            payload.setLength(0);
            state = State.IN_FRAME;
            return;
        }
        switch (state) {
            case BETWEEN_FRAMES -> {
                // One refusal per run of stray bytes, not one per byte: noise must not flood the outbox.
                frames.add(DecodedFrame.rejected("bytes outside a frame"));
                state = State.SKIPPING;
            }
            case SKIPPING -> {
            }
            case IN_FRAME -> {
                if (b == ETX) {
                    frames.add(complete());
                    payload.setLength(0);
                    state = State.BETWEEN_FRAMES;
                } else if (payload.length() == PAYLOAD_LENGTH) {
                    frames.add(DecodedFrame.rejected("frame longer than " + (PAYLOAD_LENGTH + 2) + " bytes"));
                    payload.setLength(0);
                    state = State.SKIPPING;
                } else {
                    payload.append((char) b);
                }
            }
        }
    }

    private DecodedFrame complete() {
        if (payload.length() != PAYLOAD_LENGTH) {
            return DecodedFrame.rejected("frame of " + (payload.length() + 2) + " bytes instead of "
                    + (PAYLOAD_LENGTH + 2));
        }
        int[] bytes = new int[PAYLOAD_LENGTH / 2];
        for (int i = 0; i < bytes.length; i++) {
            int high = hexDigit(payload.charAt(2 * i));
            int low = hexDigit(payload.charAt(2 * i + 1));
            if (high < 0 || low < 0) {
                return DecodedFrame.rejected("characters that are not hexadecimal in the frame");
            }
            bytes[i] = high << 4 | low;
        }
        int checksum = 0;
        for (int i = 0; i < 5; i++) {
            checksum ^= bytes[i];
        }
        if (checksum != bytes[5]) {
            return DecodedFrame.rejected("bad checksum");
        }
        long card = (long) bytes[1] << 24 | bytes[2] << 16 | bytes[3] << 8 | bytes[4];
        return DecodedFrame.badge(String.format(Locale.ROOT, "%010d", card));
    }

    private static int hexDigit(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }
}
