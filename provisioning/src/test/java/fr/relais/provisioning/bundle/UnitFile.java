package fr.relais.provisioning.bundle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A systemd unit read as systemd's INI dialect: sections, keys that may repeat (After= twice
 * adds up), # and ; comments. Enough to check what a unit says when systemd-analyze is absent,
 * and strict enough to refuse a line that is neither.
 */
record UnitFile(Map<String, Map<String, List<String>>> sections) {

    static UnitFile parse(String text) {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                throw new IllegalArgumentException("line " + number + ": continuation lines are not expected here");
            }
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                current = sections.computeIfAbsent(trimmed.substring(1, trimmed.length() - 1),
                        name -> new LinkedHashMap<>());
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (current == null || equals <= 0) {
                throw new IllegalArgumentException("line " + number + " is not 'Key=value' inside a section: " + line);
            }
            current.computeIfAbsent(trimmed.substring(0, equals).strip(), key -> new ArrayList<>())
                    .add(trimmed.substring(equals + 1).strip());
        }
        return new UnitFile(sections);
    }

    /** Every value of a key, in order; empty if absent. */
    List<String> values(String section, String key) {
        return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
    }

    /** The words of every value of a key, as systemd adds up list settings such as After=. */
    List<String> words(String section, String key) {
        return values(section, key).stream().flatMap(value -> List.of(value.split("\\s+")).stream()).toList();
    }

    String value(String section, String key) {
        List<String> values = values(section, key);
        if (values.size() != 1) {
            throw new AssertionError("[" + section + "] " + key + " should appear once, found " + values);
        }
        return values.get(0);
    }
}
