package fr.relais.agent.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.agent.device.DriverRegistry;
import fr.relais.agent.device.printer.IppEvePrinter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code agent check} against a real IPP printer: one JSON line, and the exit code says the health. */
class CheckCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int check(String... args) {
        out.reset();
        return new CommandLine(new CheckCommand(DriverRegistry.standard(),
                new PrintStream(out, true, StandardCharsets.UTF_8))).execute(args);
    }

    private JsonNode line() throws Exception {
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text.lines().count()).as("one line: " + text).isEqualTo(1);
        return new ObjectMapper().readTree(text);
    }

    @Test
    void aPrinterIsOkThenWarningWithItsReasonThenCriticalWhenItIsGone(@TempDir Path dir) throws Exception {
        try (IppEvePrinter printer = IppEvePrinter.start(dir)) {
            assertThat(check("printer", printer.uri().toString())).isZero();
            JsonNode ok = line();
            assertThat(ok.path("health").asText()).isEqualTo("ok");
            assertThat(ok.path("driver").asText()).isEqualTo("ipp");
            assertThat(ok.path("metrics").path("tonerPercent").isNumber()).isTrue();

            printer.supplies(0, 8);
            assertThat(check("printer", printer.uri().toString())).isEqualTo(1);
            JsonNode low = line();
            assertThat(low.path("health").asText()).isEqualTo("warning");
            assertThat(low.path("metrics").path("reasons").asText()).contains("toner-low");

            printer.kill();
            assertThat(check("printer", printer.uri().toString())).isEqualTo(2);
            JsonNode gone = line();
            assertThat(gone.path("health").asText()).isEqualTo("critical");
            assertThat(gone.path("metrics").path("error").asText()).startsWith("unreachable");
            assertThat(gone.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void aReaderThatIsNotThereIsCriticalWithTheReason() throws Exception {
        assertThat(check("badge", "/dev/ttyUSB-relais-absent", "--format", "rdm6300", "--wait", "0")).isEqualTo(2);
        JsonNode answer = line();
        assertThat(answer.path("driver").asText()).isEqualTo("serial-badge");
        assertThat(answer.path("health").asText()).isEqualTo("critical");
        assertThat(answer.path("metrics").path("error").asText()).startsWith("cannot open:");
    }

    @Test
    void aBadCommandLineIsExitCode3AndPrintsNothingOnStandardOutput() {
        assertThat(check("toaster", "x")).isEqualTo(3);
        assertThat(check("printer", "not-a-uri")).as("the driver refuses its setting").isEqualTo(3);
        assertThat(check("gpio", "door", "--contact")).isEqualTo(3);
        assertThat(check("printer")).as("no target").isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
