package fr.relais.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Free-form JSON carried by commands and replies, as plain Java values (String, Long, Double,
 * Boolean, null, List, Map) so that no JSON library leaks into the domain types.
 */
public final class JsonValues {
    public static final int MAX_DEPTH = 16;

    private JsonValues() {
    }

    static Map<String, Object> copyOfObject(Map<String, Object> object) {
        return copyMap(object, 0);
    }

    private static Map<String, Object> copyMap(Map<?, ?> map, int depth) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (!(key instanceof String name)) {
                throw new IllegalArgumentException("object keys must be texts, got " + key);
            }
            copy.put(name, copyValue(value, depth + 1));
        });
        return Collections.unmodifiableMap(copy);
    }

    private static Object copyValue(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH + " levels");
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long) {
            return value;
        }
        if (value instanceof Integer i) {
            return Long.valueOf(i);
        }
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                throw new IllegalArgumentException("numbers must be finite");
            }
            return d;
        }
        if (value instanceof Map<?, ?> map) {
            return copyMap(map, depth);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(copyValue(element, depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getSimpleName());
    }
}
