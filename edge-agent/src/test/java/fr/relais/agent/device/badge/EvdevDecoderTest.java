package fr.relais.agent.device.badge;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.device.badge.DecodedFrame.Badge;
import fr.relais.agent.device.badge.DecodedFrame.Rejected;
import fr.relais.agent.device.badge.InputEventLayout.InputEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Keyboard-wedge keystrokes as evdev records: byte streams as the kernel writes them for a USB
 * HID keyboard (scan code, key, report; press then release), cut in every way, mixed with
 * garbage and typed wrongly.
 */
class EvdevDecoderTest {
    private static final Instant T0 = Instant.parse("2026-12-04T09:00:00Z");

    private final EvdevDecoder decoder = new EvdevDecoder(InputEventLayout.LP64, KeyLayout.QWERTY);

    private List<DecodedFrame> feed(byte[] bytes, Instant at) {
        return decoder.feed(bytes, bytes.length, at);
    }

    private List<DecodedFrame> feed(byte[] bytes) {
        return feed(bytes, T0);
    }

    @Test
    void aTypedNumberAndEnterGiveTheNumber() {
        byte[] stream = Keystrokes.lp64().line("0004213370").bytes();
        // 11 keys, each six records: scan+key+report for the press, the same for the release.
        assertThat(stream).hasSize(11 * 6 * 24);
        assertThat(feed(stream)).containsExactly(new Badge("0004213370"));
    }

    @Test
    void aStreamCutAtEveryByteStillGivesOneNumber() {
        byte[] stream = Keystrokes.lp64().line("0004213370").bytes();
        for (int cut = 1; cut < stream.length; cut += 7) {
            EvdevDecoder fresh = new EvdevDecoder(InputEventLayout.LP64, KeyLayout.QWERTY);
            List<DecodedFrame> frames = new ArrayList<>(fresh.feed(stream, cut, T0));
            byte[] rest = Arrays.copyOfRange(stream, cut, stream.length);
            frames.addAll(fresh.feed(rest, rest.length, T0.plusMillis(2)));
            assertThat(frames).as("cut at %d", cut).containsExactly(new Badge("0004213370"));
        }
    }

    @Test
    void aStreamFedOneByteAtATimeGivesTheNumber() {
        byte[] stream = Keystrokes.lp64().line("0004213370").bytes();
        List<DecodedFrame> frames = new ArrayList<>();
        for (byte b : stream) {
            frames.addAll(decoder.feed(new byte[] {b}, 1, T0));
        }
        assertThat(frames).containsExactly(new Badge("0004213370"));
    }

    @Test
    void keypadDigitsAndKeypadEnterWork() {
        int[] keypad = {82, 79, 80, 81, 75, 76, 77, 71, 72, 73};
        Keystrokes keys = Keystrokes.lp64();
        for (char c : "0004213370".toCharArray()) {
            keys.key(keypad[c - '0']);
        }
        assertThat(feed(keys.key(Keystrokes.KEY_KPENTER).bytes())).containsExactly(new Badge("0004213370"));
    }

    @Test
    void hexLettersAreReadAndShiftChangesNothing() {
        Keystrokes keys = Keystrokes.lp64().press(Keystrokes.KEY_LEFTSHIFT).type("04A1").release(Keystrokes.KEY_LEFTSHIFT)
                .type("B2C3D4").key(Keystrokes.KEY_ENTER);
        assertThat(feed(keys.bytes())).containsExactly(new Badge("04A1B2C3D4"));
    }

    @Test
    void anAzertyReaderIsReadWithTheAzertyLayout() {
        // An AZERTY reader types A with the key QWERTY calls Q, and each digit with shift held.
        EvdevDecoder azerty = new EvdevDecoder(InputEventLayout.LP64, KeyLayout.AZERTY);
        Keystrokes keys = Keystrokes.lp64();
        for (char c : "04".toCharArray()) {
            keys.press(Keystrokes.KEY_LEFTSHIFT).key(Keystrokes.codeOf(c)).release(Keystrokes.KEY_LEFTSHIFT);
        }
        keys.key(Keystrokes.codeOf('Q')).key(Keystrokes.codeOf('W')).key(39).key(Keystrokes.KEY_ENTER);
        assertThat(azerty.feed(keys.bytes(), keys.bytes().length, T0)).containsExactly(new Badge("04AZM"));
    }

    @Test
    void autoRepeatAndReleasesAreIgnored() {
        Keystrokes keys = Keystrokes.lp64().press(Keystrokes.codeOf('7'))
                .event(InputEvent.EV_KEY, Keystrokes.codeOf('7'), InputEvent.KEY_REPEATED)
                .release(Keystrokes.codeOf('7')).line("123");
        assertThat(feed(keys.bytes())).containsExactly(new Badge("7123"));
    }

    @Test
    void anUnmappedKeyRefusesTheNumberOnceAndTheNextOneIsRead() {
        byte[] stream = Keystrokes.lp64().type("00042").key(Keystrokes.KEY_TAB).type("13370").key(Keystrokes.KEY_ENTER)
                .line("0004213370").bytes();
        assertThat(feed(stream)).containsExactly(
                new Rejected("a key that is neither a letter nor a digit (key code 15)"), new Badge("0004213370"));
    }

    @Test
    void anOverLongNumberIsRefused() {
        byte[] stream = Keystrokes.lp64().line("1".repeat(40)).line("0004213370").bytes();
        assertThat(feed(stream)).containsExactly(new Rejected("longer than 32 characters"), new Badge("0004213370"));
    }

    @Test
    void aShortNumberAndALoneEnterAreNotNumbers() {
        assertThat(feed(Keystrokes.lp64().line("12").key(Keystrokes.KEY_ENTER).bytes()))
                .containsExactly(new Rejected("shorter than 4 characters"));
    }

    @Test
    void aNumberWithoutEnterIsRefusedAfterTheTimeoutNotBefore() {
        assertThat(feed(Keystrokes.lp64().type("000421").bytes(), T0)).isEmpty();
        assertThat(decoder.idle(T0.plusMillis(999))).isEmpty();
        assertThat(decoder.idle(T0.plusMillis(1_000)))
                .containsExactly(new Rejected("incomplete number (no Enter within 1000 ms)"));
        assertThat(decoder.idle(T0.plusSeconds(5))).isEmpty();
        assertThat(feed(Keystrokes.lp64().line("0004213370").bytes(), T0.plusSeconds(6)))
                .containsExactly(new Badge("0004213370"));
    }

    @Test
    void garbageRecordsRefuseTheNumberInProgressOnce() {
        byte[] garbage = new byte[24 * 4];
        Arrays.fill(garbage, (byte) 0xff);
        byte[] stream = Keystrokes.lp64().type("0004").raw(garbage).type("213370").key(Keystrokes.KEY_ENTER)
                .line("0004213370").bytes();
        assertThat(feed(stream)).containsExactly(new Rejected("malformed input event"), new Badge("0004213370"));
    }

    @Test
    void randomBytesNeverBecomeANumberAndNeverThrow() {
        Random random = new Random(42);
        for (int run = 0; run < 200; run++) {
            byte[] noise = new byte[random.nextInt(2_000)];
            random.nextBytes(noise);
            EvdevDecoder fresh = new EvdevDecoder(InputEventLayout.LP64, KeyLayout.QWERTY);
            List<DecodedFrame> frames = new ArrayList<>(fresh.feed(noise, noise.length, T0));
            frames.addAll(fresh.end());
            assertThat(frames).noneMatch(Badge.class::isInstance);
        }
    }

    @Test
    void aRecordCutByTheReadersDisappearanceIsForgotten() {
        byte[] stream = Keystrokes.lp64().type("0004").bytes();
        feed(Arrays.copyOf(stream, stream.length - 10));
        assertThat(decoder.end()).containsExactly(new Rejected("incomplete number (the reader went away)"));
        assertThat(feed(Keystrokes.lp64().line("0004213370").bytes())).containsExactly(new Badge("0004213370"));
    }

    @Test
    void thirtyTwoBitRecordsAreReadWithTheirLayout() {
        Keystrokes keys = new Keystrokes(InputEventLayout.ILP32).line("0004213370");
        assertThat(keys.bytes()).hasSize(11 * 6 * 16);
        EvdevDecoder armhf = new EvdevDecoder(InputEventLayout.ILP32, KeyLayout.QWERTY);
        assertThat(armhf.feed(keys.bytes(), keys.bytes().length, T0)).containsExactly(new Badge("0004213370"));
    }
}
