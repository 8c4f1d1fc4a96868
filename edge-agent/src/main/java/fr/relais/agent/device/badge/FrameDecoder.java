package fr.relais.agent.device.badge;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Turns the bytes of one reader into badge numbers and refusals. Pure: no I/O, no clock of its
 * own; the bytes may come in any chunks (a frame split across reads, several frames in one read),
 * and a frame left incomplete for {@link #FRAME_TIMEOUT} is refused, never guessed.
 */
interface FrameDecoder {
    /** Silence in the middle of a frame after which it is refused as incomplete. */
    Duration FRAME_TIMEOUT = Duration.ofSeconds(1);

    /** The longest badge number accepted, in characters (a 10-byte UID in hex is 20). */
    int MAX_NUMBER_LENGTH = 32;

    /** The shortest (a 125 kHz card's printed number has 8 to 10 digits). */
    int MIN_NUMBER_LENGTH = 4;

    /** Decodes {@code length} bytes that arrived at {@code now}. */
    List<DecodedFrame> feed(byte[] bytes, int length, Instant now);

    /** Nothing arrived until {@code now}: a frame silent for too long is refused. */
    List<DecodedFrame> idle(Instant now);

    /** The stream ended (reader unplugged): a frame in progress is refused. */
    List<DecodedFrame> end();
}
