package fr.relais.agent.device.printer;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The printer attributes of an IPP answer as plain text values, by attribute name: what the
 * parsing of a printer's state needs, with no IPP library type in it. Integers and enums are
 * their decimal text; octet strings their UTF-8 text.
 */
record PrinterAttributes(Map<String, List<String>> values) {
    PrinterAttributes {
        values = Map.copyOf(values);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The first value, or empty text. */
    String first(String name) {
        List<String> all = all(name);
        return all.isEmpty() ? "" : all.get(0);
    }

    /** The first value as a whole number, if it is one. */
    OptionalLong number(String name) {
        return wholeNumber(first(name));
    }

    static OptionalLong wholeNumber(String text) {
        try {
            return OptionalLong.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
