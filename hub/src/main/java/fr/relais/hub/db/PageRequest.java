package fr.relais.hub.db;

import java.util.Optional;

/**
 * Which page of a list: at most {@code limit} rows after the cursor of the previous page
 * (keyset pagination), or from the start without one. Unlike an offset, a cursor does not skip
 * or repeat rows when new ones arrive between two pages, which dead letters and commands do.
 */
public record PageRequest(int limit, Optional<Cursor> after) {
    public static final int MAX_LIMIT = 1000;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, Optional.empty());
    }

    /**
     * The page a client asked for, from the texts of its {@code limit} and {@code cursor}
     * parameters (null: not given).
     *
     * @throws IllegalArgumentException if the limit is not a whole number from 1 to {@link #MAX_LIMIT}
     * @throws BadCursorException       if the cursor is not one a page gave
     */
    public static PageRequest asked(String limit, String cursor, int defaultLimit) throws BadCursorException {
        return new PageRequest(limit(limit, defaultLimit), after(cursor));
    }

    /** The text of a {@code limit} parameter read (null: the default), or an IllegalArgumentException naming it. */
    public static int limit(String text, int defaultLimit) {
        if (text == null) {
            return defaultLimit;
        }
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a whole number, got '" + text + "'", e);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        return limit;
    }

    /** The text of a {@code cursor} parameter read (null: from the start). */
    public static Optional<Cursor> after(String text) throws BadCursorException {
        return text == null ? Optional.empty() : Optional.of(Cursor.parse(text));
    }
}
