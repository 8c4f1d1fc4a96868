package fr.relais.agent.device.printer;

import fr.relais.agent.device.http.PeerText;
import fr.relais.protocol.Metrics;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A printer's metrics, named as the simulated printer and the hub's alert rules name them
 * ({@code tonerPercent}, {@code paperOut}, {@code paperJam}, {@code pagesPrinted}, {@code state}), so
 * that a real printer opens the same alerts and fills the same charts.
 */
final class PrinterMetrics {
    private PrinterMetrics() {
    }

    /** The lowest toner or ink level the printer knows: the cartridge that will run out first. */
    static OptionalInt tonerPercent(List<Supply> supplies) {
        return supplies.stream().filter(Supply::marksPaper).filter(supply -> supply.percent().isPresent())
                .mapToInt(supply -> supply.percent().getAsInt()).min();
    }

    static Map<String, Object> of(PrinterStatus status) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("state", status.state());
        tonerPercent(status.supplies()).ifPresent(percent -> metrics.put("tonerPercent", (long) percent));
        Set<String> names = status.reasons().stream().map(PrinterReason::name).collect(Collectors.toSet());
        metrics.put("paperOut", names.contains("media-empty") || names.contains("media-needed"));
        metrics.put("paperJam", names.contains("media-jam"));
        metrics.put("reasons", reasonsText(status.reasons()));
        status.pages().ifPresent(pages -> metrics.put("pagesPrinted", pages));
        Set<String> taken = new HashSet<>();
        for (Supply supply : status.supplies()) {
            supply.percent().ifPresent(percent -> metrics.put(supplyName(supply, taken), (long) percent));
        }
        if (!status.message().isEmpty()) {
            metrics.put("stateMessage", PeerText.quote(status.message()));
        }
        if (!status.model().isEmpty()) {
            metrics.put("model", PeerText.quote(status.model()));
        }
        if (!status.uuid().isEmpty()) {
            metrics.put("uuid", PeerText.quote(status.uuid()));
        }
        status.upTimeSeconds().ifPresent(seconds -> metrics.put("upTimeSeconds", seconds));
        return metrics;
    }

    /**
     * The reasons' names, as many whole ones as fit in a metric's text, then {@code …+N} for the
     * others: a printer listing hundreds of reasons would otherwise have its whole reading refused.
     */
    static String reasonsText(List<PrinterReason> reasons) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < reasons.size(); i++) {
            String next = (i == 0 ? "" : ", ") + reasons.get(i).name();
            int left = reasons.size() - i - 1;
            String tailIfMore = left == 0 ? "" : ", …+" + left;
            if (text.length() + next.length() + tailIfMore.length() > Metrics.MAX_STRING_LENGTH) {
                return text + (i == 0 ? "" : ", ") + "…+" + (reasons.size() - i);
            }
            text.append(next);
        }
        return text.toString();
    }

    /** The metrics of a printer that could not be asked: why, and nothing stale. */
    static Map<String, Object> unreachable(String why) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("state", "unreachable");
        metrics.put("reasons", "unreachable");
        metrics.put("error", "unreachable: " + why);
        return metrics;
    }

    /**
     * {@code supplyBlackTonerPercent}, {@code supplyWasteTonerPercent}: from the supply's colour and
     * type keywords, which do not change with the printer's language as its descriptions do. A
     * second supply of the same name gets a number.
     */
    static String supplyName(Supply supply, Set<String> taken) {
        String base = "supply" + camel(supply.colorant()) + camel(supply.type());
        base = base.length() > 50 ? base.substring(0, 50) : base;
        String name = base + "Percent";
        for (int n = 2; !taken.add(name); n++) {
            name = base + n + "Percent";
        }
        return name;
    }

    /** {@code light-cyan} becomes {@code LightCyan}; anything but ASCII letters and digits goes. */
    private static String camel(String words) {
        StringBuilder camel = new StringBuilder();
        for (String word : words.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                camel.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
            }
        }
        return camel.toString();
    }
}
