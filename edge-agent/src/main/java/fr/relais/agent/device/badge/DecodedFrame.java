package fr.relais.agent.device.badge;

/**
 * What a reader's decoder made of the bytes it was given: a badge number, or a frame it refused
 * and why. A refusal never carries the frame's content, only the reason.
 */
sealed interface DecodedFrame {
    /**
     * A badge number in clear, as the reader sent it. It lives only until it is hashed: its
     * {@link #toString()} hides it so a stray log line cannot leak it.
     */
    record Badge(String number) implements DecodedFrame {
        @Override
        public String toString() {
            return "Badge[number hidden]";
        }
    }

    /** A frame that is not a badge number (garbage, bad checksum, cut short, too long). */
    record Rejected(String reason) implements DecodedFrame {
    }

    static DecodedFrame badge(String number) {
        return new Badge(number);
    }

    static DecodedFrame rejected(String reason) {
        return new Rejected(reason);
    }
}
