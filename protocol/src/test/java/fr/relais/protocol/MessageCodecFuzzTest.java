package fr.relais.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Any payload on any topic kind: the codec gives a complete message, or an
 * {@link InvalidMessageException} naming a field and a reason; never another exception. What it
 * accepts it writes back to the same message, and the telemetry fast path never accepts what the
 * strict reader would read differently.
 *
 * <p>The first byte of an input chooses the topic kind ('0' state, '1' birth, '2' telemetry,
 * '3' event, '4' cmd, '5' reply, '6' hub state), the rest is the payload; the seeds under
 * {@code MessageCodecFuzzTestInputs/decode} follow that form.
 */
class MessageCodecFuzzTest {
    private static final Topic[] TOPICS = {
        Topic.of(Topic.Kind.STATE, Samples.SITE, Samples.NODE),
        Topic.of(Topic.Kind.BIRTH, Samples.SITE, Samples.NODE),
        Topic.of(Topic.Kind.TELEMETRY, Samples.SITE, Samples.NODE),
        Topic.of(Topic.Kind.EVENT, Samples.SITE, Samples.NODE),
        Topic.command(Samples.SITE, Samples.NODE, "ping"),
        Topic.of(Topic.Kind.REPLY, Samples.SITE, Samples.NODE),
        Topic.hubState()};

    private final MessageCodec codec = new MessageCodec();

    @FuzzTest(maxDuration = "5s")
    void decode(byte[] input) throws InvalidMessageException {
        if (input.length == 0) {
            return;
        }
        Topic topic = TOPICS[Math.floorMod(input[0] - '0', TOPICS.length)];
        byte[] payload = Arrays.copyOfRange(input, 1, input.length);
        Message message;
        try {
            message = codec.decode(topic, payload);
        } catch (InvalidMessageException e) {
            assertThat(e.field()).as("the refused field").isNotBlank();
            assertThat(e.reason()).as("the reason").isNotBlank();
            return;
        }
        assertThat(codec.decodeStrictly(topic, payload)).as("strict reading of an accepted payload").isEqualTo(message);
        assertThat(codec.decode(topic, codec.encode(message))).as("the accepted message written back").isEqualTo(message);
    }
}
