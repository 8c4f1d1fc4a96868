package fr.relais.agent.device.printer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What a printer said about itself in one Get-Printer-Attributes answer.
 *
 * @param state   {@code idle}, {@code processing}, {@code stopped}, or {@code unknown} when it said
 *                nothing understandable
 * @param reasons its {@code printer-state-reasons}, without {@code none}, one per condition
 * @param pages   its page counter, when it has one
 * @param uuid    its {@code printer-uuid}: which printer answered at that address
 */
record PrinterStatus(String state, List<PrinterReason> reasons, String message, List<Supply> supplies,
                     OptionalLong pages, String model, String uuid, OptionalLong upTimeSeconds) {
    /** The IANA-registered counters (PWG 5100.11), best first: impressions (printed sides), pages, sheets. */
    static final List<String> PAGE_COUNTERS = List.of("printer-impressions-completed", "printer-pages-completed",
            "printer-media-sheets-completed");

    static final int MAX_REASONS = 32;

    PrinterStatus {
        reasons = List.copyOf(reasons);
        supplies = List.copyOf(supplies);
    }

    static PrinterStatus of(PrinterAttributes attributes) {
        return new PrinterStatus(state(attributes.first("printer-state")), reasons(attributes.all("printer-state-reasons")),
                attributes.first("printer-state-message").strip(), Supplies.of(attributes), pages(attributes),
                attributes.first("printer-make-and-model").strip(), attributes.first("printer-uuid").strip(),
                attributes.number("printer-up-time"));
    }

    /** The enum of RFC 8011 (3, 4, 5), or its name. */
    private static String state(String value) {
        return switch (value.strip()) {
            case "3", "idle" -> "idle";
            case "4", "processing" -> "processing";
            case "5", "stopped" -> "stopped";
            default -> "unknown";
        };
    }

    /**
     * One reason per condition ({@code toner-low-report} and {@code toner-low-warning} are one, the
     * more urgent kept), and no more than {@link #MAX_REASONS}: each one may become an event.
     */
    private static List<PrinterReason> reasons(List<String> keywords) {
        Map<String, PrinterReason> byName = new LinkedHashMap<>();
        for (String keyword : keywords) {
            if (byName.size() == MAX_REASONS) {
                break;
            }
            PrinterReason.parse(keyword).ifPresent(reason -> byName.merge(reason.name(), reason,
                    (a, b) -> a.suffix().compareTo(b.suffix()) >= 0 ? a : b));
        }
        return List.copyOf(byName.values());
    }

    private static OptionalLong pages(PrinterAttributes attributes) {
        for (String counter : PAGE_COUNTERS) {
            OptionalLong pages = attributes.number(counter);
            if (pages.isPresent() && pages.getAsLong() >= 0) {
                return pages;
            }
        }
        return OptionalLong.empty();
    }
}
