package fr.relais.agent.device.printer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads a printer's consumables from its attributes: {@code printer-supply} (PWG 5100.13, one
 * {@code type=toner;maxcapacity=100;level=3;colorantname=black;} text per supply, named by
 * {@code printer-supply-description}) when it has it, else CUPS's {@code marker-names},
 * {@code marker-levels}, {@code marker-types} and {@code marker-colors}. A value that does not parse
 * gives a supply whose level is unknown, never an exception.
 */
final class Supplies {
    /** More than any printer has; the rest of a runaway list is ignored (metrics are bounded). */
    static final int MAX = 16;

    private Supplies() {
    }

    static List<Supply> of(PrinterAttributes attributes) {
        List<String> pwg = attributes.all("printer-supply");
        return pwg.isEmpty() ? fromMarkers(attributes) : fromPwg(pwg, attributes.all("printer-supply-description"));
    }

    private static List<Supply> fromPwg(List<String> entries, List<String> descriptions) {
        List<Supply> supplies = new ArrayList<>();
        for (int i = 0; i < entries.size() && supplies.size() < MAX; i++) {
            Map<String, String> fields = fields(entries.get(i));
            String type = fields.getOrDefault("type", "unknown");
            String description = i < descriptions.size() ? descriptions.get(i).strip() : "";
            supplies.add(new Supply(type, colorant(fields.getOrDefault("colorantname", "")),
                    description.isEmpty() ? type : description, percent(fields),
                    "receptacleThatIsFilled".equalsIgnoreCase(fields.get("class"))));
        }
        return supplies;
    }

    /** {@code key=value;key=value;}: pairs without '=' or with an empty side are skipped. */
    static Map<String, String> fields(String entry) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : entry.split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0 && equals < part.length() - 1) {
                fields.putIfAbsent(part.substring(0, equals).strip().toLowerCase(Locale.ROOT),
                        part.substring(equals + 1).strip());
            }
        }
        return fields;
    }

    /**
     * The level as a percentage of the capacity. PWG levels below 0 mean "other" (-1), "unknown"
     * (-2) or "some remaining" (-3); a capacity below 1 is unknown too, then a level in percent is
     * taken as it is.
     */
    private static OptionalInt percent(Map<String, String> fields) {
        OptionalLong level = PrinterAttributes.wholeNumber(fields.getOrDefault("level", ""));
        if (level.isEmpty() || level.getAsLong() < 0) {
            return OptionalInt.empty();
        }
        OptionalLong capacity = PrinterAttributes.wholeNumber(fields.getOrDefault("maxcapacity", ""));
        if (capacity.isPresent() && capacity.getAsLong() > 0) {
            return OptionalInt.of(clamp(Math.round(level.getAsLong() * 100.0 / capacity.getAsLong())));
        }
        return "percent".equalsIgnoreCase(fields.get("unit")) ? OptionalInt.of(clamp(level.getAsLong()))
                : OptionalInt.empty();
    }

    private static List<Supply> fromMarkers(PrinterAttributes attributes) {
        List<String> levels = attributes.all("marker-levels");
        List<String> names = attributes.all("marker-names");
        List<String> types = attributes.all("marker-types");
        List<String> colors = attributes.all("marker-colors");
        int count = Math.min(MAX, Math.max(levels.size(), names.size()));
        List<Supply> supplies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String type = i < types.size() ? camel(types.get(i)) : "unknown";
            OptionalLong level = i < levels.size() ? PrinterAttributes.wholeNumber(levels.get(i)) : OptionalLong.empty();
            OptionalInt percent = level.isPresent() && level.getAsLong() >= 0 ? OptionalInt.of(clamp(level.getAsLong()))
                    : OptionalInt.empty();
            String name = i < names.size() ? names.get(i).strip() : "";
            supplies.add(new Supply(type, i < colors.size() ? colorOf(colors.get(i)) : "", name.isEmpty() ? type : name,
                    percent, type.toLowerCase(Locale.ROOT).contains("waste")));
        }
        return supplies;
    }

    /** CUPS's {@code waste-toner} is PWG's {@code wasteToner}. */
    private static String camel(String keyword) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : keyword.strip().toCharArray()) {
            if (c == '-' || c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.isEmpty() ? "unknown" : camel.toString();
    }

    /** The usual names of CUPS's marker colours; any other colour is left unnamed. */
    private static String colorOf(String hex) {
        return switch (hex.strip().toUpperCase(Locale.ROOT)) {
            case "#000000" -> "black";
            case "#00FFFF" -> "cyan";
            case "#FF00FF" -> "magenta";
            case "#FFFF00" -> "yellow";
            default -> "";
        };
    }

    private static String colorant(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return lower.equals("unknown") || lower.equals("no-color") ? "" : lower;
    }

    private static int clamp(long percent) {
        return (int) Math.max(0, Math.min(100, percent));
    }
}
