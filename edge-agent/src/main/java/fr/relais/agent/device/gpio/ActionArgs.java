package fr.relais.agent.device.gpio;

import fr.relais.agent.command.Outcome;
import fr.relais.protocol.WireValue;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Checks the arguments of a device-level command; every problem is a rejection that says why. */
final class ActionArgs {
    /** Names every command carries (the device it is for). */
    private static final String DEVICE = "device";

    private ActionArgs() {
    }

    /** A rejection naming the arguments {@code action} does not take, if any. */
    static Optional<Outcome> unknown(String action, Map<String, Object> args, Set<String> known) {
        Set<String> unknown = new TreeSet<>(args.keySet());
        unknown.remove(DEVICE);
        unknown.removeAll(known);
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Outcome.rejected(action + " does not take " + unknown + " (it takes "
                + (known.isEmpty() ? "nothing but args.device" : new TreeSet<>(known)) + ")"));
    }

    /** A whole number between {@code min} and {@code max}, if given; empty when absent. */
    static Optional<Long> wholeNumber(Map<String, Object> args, String name, long min, long max)
            throws Rejected {
        Object value = args.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Long || value instanceof Integer) || ((Number) value).longValue() < min
                || ((Number) value).longValue() > max) {
            throw new Rejected("args." + name + " must be a whole number from " + min + " to " + max + ", got " + value);
        }
        return Optional.of(((Number) value).longValue());
    }

    /** The constant of {@code type} spelled by a required text argument. */
    static <E extends Enum<E> & WireValue> E choice(Map<String, Object> args, String name, Class<E> type)
            throws Rejected {
        Object value = args.get(name);
        E choice = value instanceof String text ? WireValue.fromWire(type, text) : null;
        if (choice == null) {
            throw new Rejected("args." + name + " must be one of: " + WireValue.choices(type)
                    + (value == null ? " (missing)" : ", got " + value));
        }
        return choice;
    }

    /** An argument that does not fit; its message is the rejection's reason. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String reason) {
            super(reason);
        }

        Outcome outcome() {
            return Outcome.rejected(getMessage());
        }
    }
}
