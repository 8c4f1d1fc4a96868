package fr.relais.agent.device.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WiegandDecoderTest {
    private static WiegandFrame decode(String bits) {
        return WiegandDecoder.decode(WiegandBits.value(bits), bits.length());
    }

    @Test
    void decodesA26BitCardAsFacilityAndCardNumber() {
        // Facility 17, card 12345, parities worked out by hand: 0 | 00010001 0011000000111001 | 1
        assertThat(WiegandBits.frame(8, 17, 12345)).isEqualTo("0" + "00010001" + "0011000000111001" + "1");
        WiegandFrame frame = decode("0000100010011000000111001" + "1");

        assertThat(frame).isInstanceOf(WiegandFrame.Card.class);
        WiegandFrame.Card card = (WiegandFrame.Card) frame;
        assertThat(card.format()).isEqualTo("wiegand-26");
        assertThat(card.facility()).isEqualTo(17);
        assertThat(card.card()).isEqualTo(12345);
        assertThat(card.number()).as("17 × 65536 + 12345").isEqualTo("0001126457");
        assertThat(card.toString()).as("never the number in a log").doesNotContain("17").doesNotContain("12345");
    }

    @Test
    void aCardGivesTheNumberPrintedOnItAsUsbAndSerialReadersDo() {
        // An EM4100 card printed 0004213370 (0x00404A7A), which a 26-bit reader sends as facility 64, card 19066.
        WiegandFrame.Card card = (WiegandFrame.Card) decode(WiegandBits.frame(8, 64, 19066));
        assertThat(card.number()).isEqualTo("0004213370");
        WiegandFrame.Card full = (WiegandFrame.Card) decode(WiegandBits.frame(16, 0x0040, 0x4A7A));
        assertThat(full.number()).isEqualTo("0004213370");
    }

    @Test
    void decodesA34BitCard() {
        WiegandFrame frame = decode(WiegandBits.frame(16, 4242, 65535));
        assertThat(frame).isEqualTo(new WiegandFrame.Card("wiegand-34", 4242, 65535));
        assertThat(((WiegandFrame.Card) frame).number()).as("the 32 data bits").isEqualTo("0278069247");
    }

    @Test
    void theHighestAndLowestNumbersSurvive() {
        assertThat(decode(WiegandBits.frame(8, 255, 65535))).isEqualTo(new WiegandFrame.Card("wiegand-26", 255, 65535));
        assertThat(decode(WiegandBits.frame(8, 0, 0))).isEqualTo(new WiegandFrame.Card("wiegand-26", 0, 0));
        assertThat(decode(WiegandBits.frame(16, 65535, 1))).isEqualTo(new WiegandFrame.Card("wiegand-34", 65535, 1));
        assertThat(((WiegandFrame.Card) decode(WiegandBits.frame(16, 65535, 65535))).number()).isEqualTo("4294967295");
    }

    @ParameterizedTest(name = "bit {0} flipped")
    @ValueSource(ints = {0, 1, 12, 13, 24, 25})
    void aSingleFlippedBitIsABadParityNotAnotherCard(int bit) {
        WiegandFrame frame = decode(WiegandBits.flip(WiegandBits.frame(8, 17, 12345), bit));
        assertThat(frame).isEqualTo(new WiegandFrame.Rejected("wiegand-26", "parity", "parité incorrecte"));
    }

    @ParameterizedTest(name = "bit {0} flipped")
    @ValueSource(ints = {0, 16, 17, 33})
    void aBad34BitParityIsRefused(int bit) {
        assertThat(decode(WiegandBits.flip(WiegandBits.frame(16, 4242, 777), bit)))
                .isInstanceOf(WiegandFrame.Rejected.class)
                .extracting(WiegandFrame::format).isEqualTo("wiegand-34");
    }

    @Test
    void linesStuckAtOneValueAreNotCards() {
        assertThat(decode("0".repeat(26))).isInstanceOf(WiegandFrame.Rejected.class);
        assertThat(decode("1".repeat(26))).isInstanceOf(WiegandFrame.Rejected.class);
        assertThat(decode("1".repeat(34))).isInstanceOf(WiegandFrame.Rejected.class);
    }

    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {1, 4, 8, 24, 25, 27, 32, 33, 35, 37, 64})
    void otherLengthsAreRefusedWithTheirLength(int length) {
        WiegandFrame frame = WiegandDecoder.decode(0, length);
        assertThat(frame).isEqualTo(new WiegandFrame.Rejected("wiegand", "length",
                "trame de " + length + " bits (26 ou 34 attendus)"));
    }

    @Test
    void aFrameLongerThanSixtyFourBitsIsTooLong() {
        assertThat(WiegandDecoder.decode(-1L, 65)).isEqualTo(new WiegandFrame.Rejected("wiegand", "length",
                "trame trop longue (plus de 64 bits)"));
    }
}
