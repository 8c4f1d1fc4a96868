package fr.relais.agent.device.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scanner health table, from the words of the eSCL documents. */
class ScannerHealthTest {
    @ParameterizedTest(name = "{0} / {1} -> {2} [{3}]")
    @CsvSource(delimiter = '|', textBlock = """
            Idle        |                               | ok       |
            Processing  | ScannerAdfLoaded              | ok       |
            Testing     | ScannerAdfEmpty               | ok       |
            Idle        | ScannerAdfProcessing          | ok       |
            Stopped     |                               | critical | stopped
            Down        | ScannerAdfLoaded              | critical | down
            Idle        | ScannerAdfJam                 | critical | adf-jam
            Idle        | ScannerAdfDoorOpen            | critical | adf-door-open
            Idle        | ScannerAdfHatchOpen           | critical | adf-hatch-open
            Idle        | ScannerAdfHwFailure           | critical | adf-hw-failure
            Idle        | ScannerAdfMispick             | warning  | adf-mispick
            Idle        | ScannerAdfMultipickDetected   | warning  | adf-multipick-detected
            Idle        | ScannerAdfDuplexPageTooShort  | warning  | adf-duplex-page-too-short
            Idle        | ScannerAdfSomethingNew        | warning  | adf-something-new
            Sleeping    |                               | warning  | unknown-state
            Stopped     | ScannerAdfJam                 | critical | stopped,adf-jam
            """)
    void eachStateAndFeederStateHasItsHealth(String state, String adf, String health, String conditions) {
        String xml = """
                <scan:ScannerStatus xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03"
                    xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm"><pwg:State>%s</pwg:State>%s</scan:ScannerStatus>
                """.formatted(state, adf == null ? "" : "<scan:AdfState>" + adf + "</scan:AdfState>");
        ScannerStatus status;
        try {
            status = ScannerStatusXml.parse(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (ScannerUnreachable e) {
            throw new AssertionError(e);
        }

        assertThat(ScannerHealth.of(status).wire()).isEqualTo(health);
        assertThat(String.join(",", ScannerHealth.conditions(status).keySet()))
                .isEqualTo(Optional.ofNullable(conditions).orElse(""));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ScannerAdfLoaded                 | loaded
            ScannerAdfDuplexPageTooLong      | duplex-page-too-long
            ScannerAdfHwFailure              | hw-failure
            AdfJam                           | adf-jam
            '<script>alert(1)</script>'      | scriptalert1script
            '!!!'                            | unknown
            """)
    void feederStatesBecomeKebabCaseWordsWhateverTheyHold(String adf, String kebab) {
        assertThat(ScannerStatusXml.kebab(adf)).isEqualTo(kebab);
    }
}
