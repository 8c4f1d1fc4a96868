package fr.relais.hub.alert;

import fr.relais.protocol.Health;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What an alert rule watches for: one of the forms of the rule file's {@code when}. */
public sealed interface Condition {

    /** The node stopped reporting: Last Will ({@code lost}), goodbye ({@code offline}), or silence. */
    record NodeOffline() implements Condition {
    }

    /** The device's own verdict is one of these. */
    record HealthIn(Set<Health> health) implements Condition {
        public HealthIn {
            health = Set.copyOf(health);
        }
    }

    /** How a metric compares with a value. */
    enum Comparison {
        ABOVE("above", ">"), AT_LEAST("atLeast", ">="), BELOW("below", "<"), AT_MOST("atMost", "<="),
        EQUALS("equals", "=");

        final String field;
        final String symbol;

        Comparison(String field, String symbol) {
            this.field = field;
            this.symbol = symbol;
        }

        public String field() {
            return field;
        }
    }

    /**
     * The latest value of a metric compared with {@code value}: a number for the orderings, a
     * number, boolean or text for {@code equals}. A missing metric or one of another type does
     * not hold (a device that does not report it is not in that trouble).
     */
    record MetricCompare(String metric, Comparison comparison, Object value) implements Condition {
        public boolean holds(Object actual) {
            if (comparison == Comparison.EQUALS) {
                if (actual instanceof Number a && value instanceof Number v) {
                    return a.doubleValue() == v.doubleValue();
                }
                return value.equals(actual);
            }
            if (!(actual instanceof Number number)) {
                return false;
            }
            double a = number.doubleValue();
            double v = ((Number) value).doubleValue();
            return switch (comparison) {
                case ABOVE -> a > v;
                case AT_LEAST -> a >= v;
                case BELOW -> a < v;
                case AT_MOST -> a <= v;
                case EQUALS -> throw new IllegalStateException();
            };
        }

        String describe(Object actual) {
            return metric + " vaut " + actual + " (alerte si " + comparison.symbol + " " + plain(value) + ")";
        }
    }

    /** A metric that rose by at least {@code by} within {@code within}: a backlog growing. */
    record MetricRises(String metric, double by, Duration within) implements Condition {
    }

    /**
     * An event of {@code type} received within {@code within}, not followed (in the node's sequence)
     * by one of the {@code clearedBy} types.
     */
    record EventSeen(String type, List<String> clearedBy, Duration within) implements Condition {
        public EventSeen {
            clearedBy = List.copyOf(clearedBy);
        }
    }

    /**
     * The hub's own database refuses its writes now, or did within {@code within}: while it
     * fails the alert cannot be recorded (it is the same database), so it holds on for a while
     * after the outage, long enough to be recorded and notified with the outage's start.
     */
    record StorageFailing(Duration within) implements Condition {
    }

    /** 15.0 as 15, for messages. */
    static String plain(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.format(Locale.ROOT, "%d", d.longValue());
        }
        return String.valueOf(value);
    }
}
