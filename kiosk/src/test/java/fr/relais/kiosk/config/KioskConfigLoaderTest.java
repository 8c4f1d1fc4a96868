package fr.relais.kiosk.config;

import fr.relais.protocol.SiteKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KioskConfigLoaderTest {

    @TempDir
    Path dir;

    private final KioskConfigLoader loader = new KioskConfigLoader();

    @Test
    void loadsAValidFile() throws IOException {
        Path file = write("""
                site:
                  name: "Tiers-lieu numérique de Montcornet"
                  kind: mediation
                idleTimeoutSeconds: 90
                fullScreen: false
                """);

        KioskConfig config = loader.load(file);

        assertThat(config.site()).isEqualTo(new Site("Tiers-lieu numérique de Montcornet", SiteKind.MEDIATION));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.fullScreen()).isFalse();
    }

    @Test
    void optionalFieldsTakeTheirDocumentedDefaults() throws IOException {
        KioskConfig config = loader.load(write("site: {name: Bus France Services, kind: van}\n"));

        assertThat(config.site().kind()).isEqualTo(SiteKind.VAN);
        assertThat(config.idleTimeout()).isEqualTo(KioskConfig.DEFAULT_IDLE_TIMEOUT);
        assertThat(config.fullScreen()).isEqualTo(KioskConfig.DEFAULT_FULL_SCREEN);
    }

    @Test
    void theBuiltInDemoIsValidAndWindowed() {
        KioskConfig demo = loader.demo();

        assertThat(demo.site().name()).isEqualTo("Tiers-lieu numérique de Montcornet");
        assertThat(demo.fullScreen()).isFalse();
    }

    @Test
    void theExampleShippedWithTheModuleIsValid() {
        KioskConfig example = loader.load(Path.of("kiosk.example.yaml"));

        assertThat(example.site().kind()).isEqualTo(SiteKind.MEDIATION);
        assertThat(example.fullScreen()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level field | site: {name: X, kind: van}\\ncolour: blue                  | unknown field 'colour'
            unknown field in site   | site: {name: X, kind: van, nom: Y}                          | unknown field 'site.nom'
            missing site            | idleTimeoutSeconds: 60                                      | site is missing
            missing site.name       | site: {kind: van}                                           | site.name is missing
            null site.name          | site: {name: null, kind: van}                               | site.name is missing
            blank site.name         | site: {name: '  ', kind: van}                               | site.name must not be blank
            missing site.kind       | site: {name: X}                                             | site.kind is missing
            bad site.kind           | site: {name: X, kind: bus}                                  | site.kind 'bus' is not one of mediation, coworking, van
            kind in capitals        | site: {name: X, kind: VAN}                                  | site.kind 'VAN' is not one of
            negative timeout        | site: {name: X, kind: van}\\nidleTimeoutSeconds: -5         | idleTimeoutSeconds must be between 40 and 3600, got -5
            zero timeout            | site: {name: X, kind: van}\\nidleTimeoutSeconds: 0          | idleTimeoutSeconds must be between 40 and 3600, got 0
            short timeout           | site: {name: X, kind: van}\\nidleTimeoutSeconds: 39         | idleTimeoutSeconds must be between 40 and 3600, got 39 (the "Êtes-vous toujours là ?" prompt needs 20 s before the wipe)
            huge timeout            | site: {name: X, kind: van}\\nidleTimeoutSeconds: 86400      | idleTimeoutSeconds must be between 40 and 3600
            text timeout            | site: {name: X, kind: van}\\nidleTimeoutSeconds: soon      | idleTimeoutSeconds should be a whole number
            quoted number timeout   | site: {name: X, kind: van}\\nidleTimeoutSeconds: '120'     | idleTimeoutSeconds should be a whole number
            fractional timeout      | site: {name: X, kind: van}\\nidleTimeoutSeconds: 1.5       | idleTimeoutSeconds should be a whole number
            text fullScreen         | site: {name: X, kind: van}\\nfullScreen: maybe             | fullScreen should be true or false
            site is a text          | site: Montcornet                                            | site should be a section with name and kind
            file is a list          | - site                                                      | the whole file should be a section
            duplicated field        | site: {name: X, kind: van}\\nsite: {name: Y, kind: van}    | duplicate field 'site' at line 2
            """)
    void rejectsBadInputNamingTheField(String why, String yaml, String expected) throws IOException {
        Path file = write(yaml.replace("\\n", "\n"));

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(KioskConfigException.class)
                .hasMessageStartingWith("Invalid kiosk configuration " + file + ": ")
                .hasMessageContaining(expected);
    }

    @Test
    void reportsEveryValidationProblemAtOnce() throws IOException {
        Path file = write("site: {kind: bus}\nidleTimeoutSeconds: -1\n");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessageContaining("site.name is missing")
                .hasMessageContaining("site.kind 'bus'")
                .hasMessageContaining("idleTimeoutSeconds must be between");
    }

    @Test
    void anUnclosedQuoteIsMalformedYamlPointingAtTheQuote() throws IOException {
        Path file = write("site:\n  name: \"Montcornet\n  kind: mediation\n");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(KioskConfigException.class)
                .hasMessage("Invalid kiosk configuration " + file + ": malformed YAML at line 4, column 1: "
                        + "found unexpected end of stream (while scanning a quoted scalar that starts at line 2, "
                        + "column 9)");
    }

    @Test
    void badIndentationIsMalformedYamlAtTheBadLine() throws IOException {
        Path file = write("site:\n  name: X\n kind: van\n");

        assertThatThrownBy(() -> loader.load(file)).hasMessageContaining("malformed YAML at line 3, column 2");
    }

    @Test
    void aTabIsMalformedYamlAndSaysWhy() throws IOException {
        Path file = write("site:\n\tname: X\n");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessageContaining("malformed YAML at line 2, column 1")
                .hasMessageContaining("Do not use \\t(TAB) for indentation");
    }

    @Test
    void anEmptyFileIsRejected() throws IOException {
        Path file = write("# nothing yet\n");

        assertThatThrownBy(() -> loader.load(file)).hasMessageContaining("the file is empty");
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("nowhere.yaml");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(KioskConfigException.class)
                .hasMessage("Kiosk configuration file not found: " + file);
    }

    @Test
    void aDirectoryIsNotReadableAsAFile() {
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(KioskConfigException.class)
                .hasMessageStartingWith("Kiosk configuration file cannot be read: " + dir);
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("kiosk.yaml"), yaml);
    }
}
