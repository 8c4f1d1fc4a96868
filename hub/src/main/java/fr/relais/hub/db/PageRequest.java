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
}
