package fr.relais.agent.device.printer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.protocol.Health;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The printer health table: what stops printing is critical, what will stop it soon a warning. */
class PrinterHealthTest {
    private final PrinterHealth health = new PrinterHealth(15, 5);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            media-empty-report                 | critical
            media-empty                        | critical
            media-needed-warning               | critical
            media-jam-error                    | critical
            toner-empty-report                 | critical
            marker-supply-empty-warning        | critical
            marker-waste-full-report           | critical
            door-open-report                   | critical
            cover-open                         | critical
            interlock-open-error               | critical
            offline-report                     | critical
            toner-low-report                   | warning
            toner-low                          | warning
            toner-low-error                    | critical
            media-low-report                   | warning
            marker-supply-low-warning          | warning
            marker-waste-almost-full-report    | warning
            paused                             | warning
            other-report                       | ok
            identify-printer-requested         | ok
            fuser-over-temp-error              | critical
            fuser-over-temp-warning            | warning
            fuser-over-temp-report             | ok
            some-vendor-thing                  | warning
            """)
    void eachReasonHasItsHealth(String keyword, String expected) {
        PrinterReason reason = PrinterReason.parse(keyword).orElseThrow();

        assertThat(PrinterHealth.of(reason).wire()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}, toner {1}, reasons [{2}] -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            idle       | 80 |                                 | ok
            processing | 80 |                                 | ok
            stopped    | 80 |                                 | critical
            unknown    | 80 |                                 | ok
            idle       | 16 |                                 | ok
            idle       | 15 |                                 | warning
            idle       |  6 |                                 | warning
            idle       |  5 |                                 | critical
            idle       |  0 |                                 | critical
            idle       | -1 |                                 | ok
            idle       | 80 | toner-low-report                | warning
            idle       |  8 | toner-low-report                | warning
            idle       |  3 | toner-low-report                | critical
            idle       | 80 | toner-low-report,media-jam      | critical
            processing | 80 | media-low-report,other-report   | warning
            """)
    void theWorstOfStateReasonsAndTonerIsThePrintersHealth(String state, int toner, String reasons, String expected) {
        List<PrinterReason> parsed = reasons == null ? List.of() : Arrays.stream(reasons.split(","))
                .map(keyword -> PrinterReason.parse(keyword).orElseThrow()).toList();
        PrinterStatus status = new PrinterStatus(state, parsed, "", List.of(), OptionalLong.empty(), "", "",
                OptionalLong.empty());

        Health result = health.of(status, toner < 0 ? OptionalInt.empty() : OptionalInt.of(toner));

        assertThat(result.wire()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            media-empty-report    | media-empty    | REPORT
            toner-low-warning     | toner-low      | WARNING
            media-jam-error       | media-jam      | ERROR
            door-open             | door-open      | NONE
            ' Cover-Open-Report ' | cover-open     | REPORT
            """)
    void aReasonIsItsConditionAndItsSuffix(String keyword, String name, PrinterReason.Suffix suffix) {
        assertThat(PrinterReason.parse(keyword)).contains(new PrinterReason(name, suffix));
    }

    @ParameterizedTest(name = "''{0}'' is no reason")
    @CsvSource(delimiter = '|', textBlock = """
            none
            ''
            'media empty'
            'tôner-low'
            '<html>'
            -report
            """)
    void noneAndWhatIsNotAKeywordAreNoReason(String keyword) {
        assertThat(PrinterReason.parse(keyword)).isEmpty();
    }
}
