package fr.relais.agent.device.badge;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.device.badge.DecodedFrame.Badge;
import fr.relais.agent.device.badge.DecodedFrame.Rejected;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RDM6300 frames: what is a number, and what happens to every kind of bad input. */
class Rdm6300DecoderTest {
    private static final Instant T0 = Instant.parse("2026-12-04T09:00:00Z");
    /** 4213370 = 0x00404A7A, printed 0004213370 on the card. */
    private static final byte[] CARD = Rdm6300Frames.frame(0x1A, 4_213_370L);

    private final Rdm6300Decoder decoder = new Rdm6300Decoder();

    private List<DecodedFrame> feed(byte[] bytes, Instant at) {
        return decoder.feed(bytes, bytes.length, at);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void aFrameGivesTheCardsPrintedNumber() {
        assertThat(feed(CARD, T0)).containsExactly(new Badge("0004213370"));
    }

    @Test
    void aFrameSplitAtEveryPossibleByteStillGivesOneNumber() {
        for (int cut = 1; cut < CARD.length; cut++) {
            Rdm6300Decoder fresh = new Rdm6300Decoder();
            List<DecodedFrame> frames = new ArrayList<>(fresh.feed(CARD, cut, T0));
            byte[] rest = java.util.Arrays.copyOfRange(CARD, cut, CARD.length);
            frames.addAll(fresh.feed(rest, rest.length, T0.plusMillis(5)));
            assertThat(frames).as("cut at %d", cut).containsExactly(new Badge("0004213370"));
        }
    }

    @Test
    void repeatedFramesInOneReadAreEachDecoded() {
        // A card lying on the module: the frame comes again and again (folding them is the feed's job).
        assertThat(feed(concat(CARD, CARD, CARD), T0)).hasSize(3).allMatch(Badge.class::isInstance);
    }

    @Test
    void lowerCaseHexIsAccepted() {
        byte[] lower = new String(CARD, StandardCharsets.US_ASCII).toLowerCase().getBytes(StandardCharsets.US_ASCII);
        assertThat(feed(lower, T0)).containsExactly(new Badge("0004213370"));
    }

    @Test
    void aBadChecksumIsRefused() {
        byte[] bad = Rdm6300Frames.frame(0x1A, 4_213_370L, Rdm6300Frames.checksum(0x1A, 4_213_370L) ^ 0x01);
        assertThat(feed(bad, T0)).containsExactly(new Rejected("bad checksum"));
    }

    @Test
    void aFlippedDataBitIsCaughtByTheChecksum() {
        byte[] bad = CARD.clone();
        bad[6] = (byte) (bad[6] == '4' ? '5' : '4');
        assertThat(feed(bad, T0)).containsExactly(new Rejected("bad checksum"));
    }

    @Test
    void nonHexadecimalCharactersAreRefused() {
        byte[] bad = CARD.clone();
        bad[3] = 'G';
        assertThat(feed(bad, T0)).containsExactly(new Rejected("characters that are not hexadecimal in the frame"));
    }

    @Test
    void garbageBetweenFramesIsOneRefusalPerRunAndTheNextFrameIsRead() {
        byte[] noise = {(byte) 0xff, 0x00, 0x55, (byte) 0xaa, 'x', 0x03, '\r'};
        assertThat(feed(concat(noise, CARD), T0))
                .containsExactly(new Rejected("bytes outside a frame"), new Badge("0004213370"));
    }

    @Test
    void aShortFrameIsRefused() {
        byte[] shortFrame = {0x02, '1', 'A', '0', '0', 0x03};
        assertThat(feed(shortFrame, T0)).containsExactly(new Rejected("frame of 6 bytes instead of 14"));
    }

    @Test
    void anOverLongFrameIsRefusedOnceAndTheRestSkippedUntilTheNextStart() {
        byte[] longFrame = concat(new byte[] {0x02}, "1A00404A7A000000000000".getBytes(StandardCharsets.US_ASCII),
                new byte[] {0x03});
        assertThat(feed(concat(longFrame, CARD), T0))
                .containsExactly(new Rejected("frame longer than 14 bytes"), new Badge("0004213370"));
    }

    @Test
    void aFrameCutByTheStartOfAnotherIsRefusedAndTheOtherRead() {
        byte[] cut = java.util.Arrays.copyOf(CARD, 7);
        assertThat(feed(concat(cut, CARD), T0))
                .containsExactly(new Rejected("frame cut short by the start of another"), new Badge("0004213370"));
    }

    @Test
    void aFrameLeftIncompleteIsRefusedAfterTheTimeoutNotBefore() {
        assertThat(decoder.feed(CARD, 8, T0)).isEmpty();
        assertThat(decoder.idle(T0.plusMillis(999))).isEmpty();
        assertThat(decoder.idle(T0.plusMillis(1_000))).containsExactly(new Rejected("incomplete frame (no ETX within 1000 ms)"));
        assertThat(feed(CARD, T0.plusMillis(1_100))).containsExactly(new Badge("0004213370"));
    }

    @Test
    void theRestOfACutFrameArrivingLateIsGarbageNotANumber() {
        decoder.feed(CARD, 8, T0);
        byte[] rest = java.util.Arrays.copyOfRange(CARD, 8, CARD.length);
        assertThat(feed(rest, T0.plusSeconds(2)))
                .containsExactly(new Rejected("incomplete frame (no ETX within 1000 ms)"),
                        new Rejected("bytes outside a frame"));
    }

    @Test
    void aFrameInProgressWhenTheReaderGoesAwayIsRefused() {
        decoder.feed(CARD, 5, T0);
        assertThat(decoder.end()).hasSize(1).allMatch(Rejected.class::isInstance);
        assertThat(decoder.end()).isEmpty();
    }

    @Test
    void theHighestCardNumberKeepsItsTenDigits() {
        assertThat(feed(Rdm6300Frames.frame(0xFF, 0xFFFF_FFFFL), T0)).containsExactly(new Badge("4294967295"));
        assertThat(feed(Rdm6300Frames.frame(0x00, 1L), T0)).containsExactly(new Badge("0000000001"));
    }

    @Test
    void aRefusalNeverCarriesTheFramesContent() {
        byte[] bad = Rdm6300Frames.frame(0x1A, 4_213_370L, 0x00);
        assertThat(feed(bad, T0)).allSatisfy(frame -> assertThat(frame.toString())
                .doesNotContain("404A7A").doesNotContain("4213370"));
        assertThat(new Badge("0004213370").toString()).doesNotContain("4213370");
    }
}
