package fr.relais.hub.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The {@code from} and {@code to} parameters of a list read over time (events, alerts, the
 * audit): ISO-8601 instants, {@code from} included and {@code to} excluded, either one optional.
 * Read strictly, like {@link ListParams}: a date that does not parse, or a period that ends before
 * it starts, is a 400 naming the parameter, never an empty list that looks like "nothing happened".
 *
 * @param from epoch milliseconds, or null for no lower bound
 * @param to   epoch milliseconds (excluded), or null for no upper bound
 */
public record Period(Long from, Long to) {
    public static final String FROM = "from";
    public static final String TO = "to";

    /** Reads {@code from} and {@code to} from a list's parameters (which must allow both). */
    public static Period of(ListParams params) throws ListParams.Bad {
        Long from = instant(params, FROM);
        Long to = instant(params, TO);
        if (from != null && to != null && from >= to) {
            throw new ListParams.Bad("from must be before to, got from=" + params.text(FROM) + " and to="
                    + params.text(TO));
        }
        return new Period(from, to);
    }

    private static Long instant(ListParams params, String name) throws ListParams.Bad {
        String text = params.text(name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new ListParams.Bad(name + " must be an ISO-8601 instant such as 2026-12-01T08:00:00Z, got '"
                    + text + "'");
        }
    }
}
