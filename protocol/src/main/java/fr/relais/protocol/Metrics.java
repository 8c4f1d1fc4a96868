package fr.relais.protocol;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/** Rules for metric maps: short names, scalar values, a bounded number of entries. */
public final class Metrics {
    public static final int MAX_ENTRIES = 100;
    public static final int MAX_STRING_LENGTH = 1024;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.-]{0,63}");
    /**
     * Names already found valid: a node sends the same few names millions of times, and a regular
     * expression per name per message was the largest cost of storing telemetry.
     */
    private static final Set<String> KNOWN_GOOD = ConcurrentHashMap.newKeySet();
    private static final int MAX_REMEMBERED = 10_000;

    private Metrics() {
    }

    /** Why {@code name} is not a valid metric name, or {@code null}. */
    public static String nameProblem(String name) {
        if (name != null && KNOWN_GOOD.contains(name)) {
            return null;
        }
        if (name != null && NAME.matcher(name).matches()) {
            if (KNOWN_GOOD.size() < MAX_REMEMBERED) {
                KNOWN_GOOD.add(name);
            }
            return null;
        }
        return "'" + name + "' is not a metric name (a letter, then up to 63 letters, digits, '_', '.', '-')";
    }

    /** Why {@code value} is not a valid metric value, or {@code null}. */
    public static String valueProblem(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Boolean) {
            return null;
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? "must be a finite number" : null;
        }
        if (value instanceof String s) {
            return s.length() > MAX_STRING_LENGTH ? "text longer than " + MAX_STRING_LENGTH + " characters" : null;
        }
        return "must be a number, a boolean or a text, got " + (value == null ? "null" : value.getClass().getSimpleName());
    }

    /**
     * Metrics that {@link TelemetryFastPath} has just checked entry by entry, as it read them:
     * taken as they are by {@link #copyOf} (copying and checking them again was a twentieth of
     * the writer's allocations). {@code values} must not be kept nor changed by the caller.
     */
    static Map<String, Object> checked(LinkedHashMap<String, Object> values) {
        return new Checked(Collections.unmodifiableMap(values));
    }

    static Map<String, Object> copyOf(Map<String, Object> metrics) {
        if (metrics instanceof Checked) {
            return metrics;
        }
        if (metrics.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("at most " + MAX_ENTRIES + " entries, got " + metrics.size());
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        metrics.forEach((name, value) -> {
            String problem = nameProblem(name);
            if (problem == null) {
                problem = valueProblem(value);
            }
            if (problem != null) {
                throw new IllegalArgumentException(name + ": " + problem);
            }
            copy.put(name, value instanceof Integer i ? Long.valueOf(i) : value);
        });
        return Collections.unmodifiableMap(copy);
    }

    /** A read-only map known to follow the rules; only this package makes one. */
    private static final class Checked extends AbstractMap<String, Object> {
        private final Map<String, Object> values;

        Checked(Map<String, Object> values) {
            this.values = values;
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            return values.entrySet();
        }

        @Override
        public int size() {
            return values.size();
        }

        @Override
        public Object get(Object key) {
            return values.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return values.containsKey(key);
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super Object> action) {
            values.forEach(action);
        }

        @Override
        public boolean equals(Object other) {
            return values.equals(other);
        }

        @Override
        public int hashCode() {
            return values.hashCode();
        }
    }
}
