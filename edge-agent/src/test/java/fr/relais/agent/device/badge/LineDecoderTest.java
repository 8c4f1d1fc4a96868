package fr.relais.agent.device.badge;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.device.badge.DecodedFrame.Badge;
import fr.relais.agent.device.badge.DecodedFrame.Rejected;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Line-framed serial readers: terminators, optional STX/ETX, and every kind of bad input. */
class LineDecoderTest {
    private static final Instant T0 = Instant.parse("2026-12-04T09:00:00Z");

    private final LineDecoder decoder = new LineDecoder();

    private List<DecodedFrame> feed(String text) {
        return feed(text, T0);
    }

    private List<DecodedFrame> feed(String text, Instant at) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return decoder.feed(bytes, bytes.length, at);
    }

    @Test
    void crLfAndBothEndANumber() {
        assertThat(feed("0004213370\r")).containsExactly(new Badge("0004213370"));
        assertThat(feed("0004213370\n")).containsExactly(new Badge("0004213370"));
        assertThat(feed("0004213370\r\n")).containsExactly(new Badge("0004213370"));
        assertThat(feed("04A1B2C3D4E5F6\r\n")).containsExactly(new Badge("04A1B2C3D4E5F6"));
    }

    @Test
    void stxEtxFramingIsAcceptedWithOrWithoutALineEnd() {
        assertThat(feed("\u00020004213370\u0003")).containsExactly(new Badge("0004213370"));
        assertThat(feed("\u00020004213370\u0003\r\n")).containsExactly(new Badge("0004213370"));
        assertThat(feed("\u00020004213370\r\n\u0003")).containsExactly(new Badge("0004213370"));
    }

    @Test
    void aLineSplitAcrossReadsIsOneNumber() {
        String line = "\u00020004213370\r\n";
        for (int cut = 1; cut < line.length(); cut++) {
            LineDecoder fresh = new LineDecoder();
            byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
            List<DecodedFrame> frames = new ArrayList<>(fresh.feed(bytes, cut, T0));
            byte[] rest = java.util.Arrays.copyOfRange(bytes, cut, bytes.length);
            frames.addAll(fresh.feed(rest, rest.length, T0.plusMillis(3)));
            assertThat(frames).as("cut at %d", cut).containsExactly(new Badge("0004213370"));
        }
    }

    @Test
    void severalLinesInOneReadAreEachDecoded() {
        assertThat(feed("11112222\r\n33334444\r\n"))
                .containsExactly(new Badge("11112222"), new Badge("33334444"));
    }

    @Test
    void garbageInALineIsOneRefusalAndTheNextLineIsRead() {
        assertThat(feed("12\u00ff\u0000#34 56\r\n0004213370\r\n"))
                .containsExactly(new Rejected("a byte that is neither an ASCII letter nor a digit"),
                        new Badge("0004213370"));
    }

    @Test
    void blankLinesAreNotFrames() {
        assertThat(feed("\r\n\r\n\n")).isEmpty();
    }

    @Test
    void anEmptyStxEtxFrameIsRefused() {
        assertThat(feed("\u0002\u0003")).containsExactly(new Rejected("empty frame"));
    }

    @Test
    void tooShortAndTooLongNumbersAreRefused() {
        assertThat(feed("123\r")).containsExactly(new Rejected("shorter than 4 characters"));
        assertThat(feed("1".repeat(32) + "\r")).containsExactly(new Badge("1".repeat(32)));
        assertThat(feed("1".repeat(50) + "\r\n0004213370\r\n"))
                .containsExactly(new Rejected("longer than 32 characters"), new Badge("0004213370"));
    }

    @Test
    void aLineLeftWithoutEndIsRefusedAfterTheTimeout() {
        assertThat(feed("000421", T0)).isEmpty();
        assertThat(decoder.idle(T0.plusMillis(500))).isEmpty();
        assertThat(decoder.idle(T0.plusSeconds(1)))
                .containsExactly(new Rejected("incomplete frame (no end of line within 1000 ms)"));
        // The end of that line, coming late, is not glued to its start.
        assertThat(feed("3370\r\n", T0.plusSeconds(3))).containsExactly(new Badge("3370"));
    }

    @Test
    void aFrameCutByANewStxIsRefused() {
        assertThat(feed("\u0002000421\u00020004213370\u0003"))
                .containsExactly(new Rejected("frame cut short by the start of another"), new Badge("0004213370"));
    }

    @Test
    void aLineInProgressWhenTheReaderGoesAwayIsRefused() {
        feed("0004");
        assertThat(decoder.end()).containsExactly(new Rejected("incomplete frame (the reader went away)"));
    }
}
