package fr.relais.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Any topic string: {@link Topic#parse} gives a topic of the contract that prints back to the same
 * string, or an {@link InvalidMessageException} on the field {@code topic}; never another exception.
 * Inputs are UTF-8 bytes, so that the seeds under {@code TopicFuzzTestInputs/parse} are plain text.
 */
class TopicFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void parse(byte[] input) {
        String path = new String(input, StandardCharsets.UTF_8);
        Topic topic;
        try {
            topic = Topic.parse(path);
        } catch (InvalidMessageException e) {
            assertThat(e.field()).isEqualTo("topic");
            assertThat(e.reason()).isNotBlank();
            return;
        }
        assertThat(topic.path()).isEqualTo(path);
    }
}
