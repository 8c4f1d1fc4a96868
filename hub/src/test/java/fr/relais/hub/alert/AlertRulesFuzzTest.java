package fr.relais.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Any alert rules file layered over the shipped defaults: the loader gives rules, or an
 * {@link AlertRulesException} naming the file; never another exception, which would stop the hub
 * at start with a stack trace instead of the line to fix. Seeds under
 * {@code AlertRulesFuzzTestInputs/load}: the shipped defaults and the files of the loader's tests.
 */
class AlertRulesFuzzTest {
    private static final Path FILE = temporaryFile();

    private final AlertRulesLoader loader = new AlertRulesLoader(Map.of("SMTP_PASSWORD", "secret"));

    @FuzzTest(maxDuration = "5s")
    void load(byte[] input) throws IOException {
        Files.write(FILE, input);
        try {
            AlertRules rules = loader.load(Optional.of(FILE));
            assertThat(rules.rules()).as("the rules of an accepted file").isNotNull();
        } catch (AlertRulesException e) {
            assertThat(e.getMessage()).as("the explanation").startsWith(FILE.toString());
        }
    }

    private static Path temporaryFile() {
        try {
            Path file = Files.createTempFile("relais-alert-rules-fuzz", ".yaml");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
