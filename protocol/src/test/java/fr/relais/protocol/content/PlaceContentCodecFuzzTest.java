package fr.relais.protocol.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes: the kiosk content codec gives a complete {@link PlaceContent}, which it writes back
 * to the same content, or an {@link InvalidContentException} with a reason; never another
 * exception (the agent keeps its content and counts the refusal). Seeds under
 * {@code PlaceContentCodecFuzzTestInputs/decode}: a full place, refused variants.
 */
class PlaceContentCodecFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void decode(byte[] input) throws InvalidContentException {
        PlaceContent content;
        try {
            content = PlaceContentCodec.decode(input);
        } catch (InvalidContentException e) {
            assertThat(e.getMessage()).as("the reason").startsWith("invalid kiosk content: ")
                    .hasSizeGreaterThan("invalid kiosk content: ".length());
            return;
        }
        assertThat(PlaceContentCodec.decode(PlaceContentCodec.encode(content))).as("the accepted content written back")
                .isEqualTo(content);
    }
}
