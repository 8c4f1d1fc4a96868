package fr.relais.agent.device.printer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.protocol.Metrics;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The reasons text: whole reasons only, and never longer than a metric's text may be. */
class PrinterMetricsTest {
    @Test
    void aFewReasonsAreAllListed() {
        List<PrinterReason> reasons = List.of(reason("media-empty-report"), reason("toner-low-warning"));

        assertThat(PrinterMetrics.reasonsText(reasons)).isEqualTo("media-empty, toner-low");
        assertThat(PrinterMetrics.reasonsText(List.of())).isEmpty();
    }

    /** A printer answering hundreds of reasons: the first whole ones, then how many more. */
    @Test
    void tooManyReasonsAreCutAtAWholeReasonAndCounted() {
        List<PrinterReason> reasons = IntStream.range(0, 300).mapToObj(n -> reason("vendor-reason-" + n + "-report"))
                .toList();

        String text = PrinterMetrics.reasonsText(reasons);

        assertThat(text).hasSizeLessThanOrEqualTo(Metrics.MAX_STRING_LENGTH).startsWith("vendor-reason-0, vendor-reason-1, ")
                .matches(".*vendor-reason-\\d+, …\\+\\d+");
        int listed = text.split(", ").length - 1;
        assertThat(text).endsWith("…+" + (300 - listed));
        assertThat(Metrics.valueProblem(text)).isNull();
    }

    @Test
    void theWholeReadingOfSuchAPrinterIsAccepted() {
        List<PrinterReason> reasons = IntStream.range(0, 300).mapToObj(n -> reason("vendor-reason-" + n)).toList();
        PrinterStatus status = new PrinterStatus("stopped", reasons, "", List.of(), OptionalLong.empty(), "", "",
                OptionalLong.empty());

        assertThat(PrinterMetrics.of(status).values()).allSatisfy(value -> assertThat(Metrics.valueProblem(value)).isNull());
    }

    @Test
    void reasonsThatFitExactlyAreNotCut() {
        // 4 reasons of 254 characters and ", " between: 1022 characters.
        List<PrinterReason> reasons = IntStream.range(0, 4).mapToObj(n -> reason(n + "a".repeat(253))).toList();

        assertThat(PrinterMetrics.reasonsText(reasons)).hasSize(1022).doesNotContain("…");
    }

    private static PrinterReason reason(String keyword) {
        return PrinterReason.parse(keyword).orElseThrow();
    }
}
