package fr.relais.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Any body of {@code POST /api/alerts/{id}/ack} or {@code …/clear}: an alert body, or an
 * {@link AlertBody.Invalid} with a message (a 400); never another exception (a 500). The first
 * byte says whether a comment is required ('c' for clear); the rest is the body. Seeds under
 * {@code AlertBodyFuzzTestInputs/parse}: the bodies of the alert tests.
 */
class AlertBodyFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void parse(byte[] input) {
        if (input.length == 0) {
            return;
        }
        boolean clear = input[0] == 'c';
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        try {
            AlertBody parsed = AlertBody.parse(body, clear);
            if (clear) {
                assertThat(parsed.comment()).as("clearing by hand says why").isPresent();
            }
        } catch (AlertBody.Invalid e) {
            assertThat(e.getMessage()).as("the explanation").isNotBlank();
        }
    }
}
