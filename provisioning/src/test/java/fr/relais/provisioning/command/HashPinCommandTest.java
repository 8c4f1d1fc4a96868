package fr.relais.provisioning.command;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.localapi.MaintenancePin;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code hash-pin}: the PIN on the standard input, its hash out, for the inventory's maintenancePin. */
class HashPinCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String input) {
        CommandLine commandLine = new CommandLine(new HashPinCommand(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute();
    }

    @Test
    void printsAHashTheAgentAcceptsForThatPinOnly() {
        assertThat(run("24680\n")).isZero();
        String hash = out.toString().strip();
        assertThat(hash).startsWith("pbkdf2-sha256$").doesNotContain("24680");
        MaintenancePin pin = MaintenancePin.parse(hash);
        assertThat(pin.matches("24680")).isTrue();
        assertThat(pin.matches("24681")).isFalse();
    }

    @Test
    void refusesWhatTheKiosksPadCannotTypeWithoutRepeatingIt() {
        for (String typed : new String[] {"123\n", "123456789\n", "12a4\n", "\n", ""}) {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            assertThat(run(typed)).as(typed).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(out.toString()).as(typed).isEmpty();
            assertThat(err.toString()).contains("the PIN must be 4 to 8 digits");
            if (!typed.isBlank()) {
                assertThat(err.toString()).doesNotContain(typed.strip());
            }
        }
    }
}
