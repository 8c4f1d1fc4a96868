package fr.relais.hub.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any body of {@code POST /api/nodes/{id}/commands}: a command request, or a
 * {@link CommandBody.Invalid} with a message for the technician (a 400); never another exception
 * (a 500). Seeds under {@code CommandBodyFuzzTestInputs/parse}: the bodies of the command tests.
 */
class CommandBodyFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void parse(byte[] body) {
        try {
            CommandRequest request = CommandBody.parse("montcornet-pi", body);
            assertThat(request.name()).as("the command's name").isNotBlank();
        } catch (CommandBody.Invalid e) {
            assertThat(e.getMessage()).as("the explanation").isNotBlank();
        }
    }
}
