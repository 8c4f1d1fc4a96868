package fr.relais.hub.db;

import java.util.List;
import java.util.Optional;

/**
 * One page of a list.
 *
 * @param total how many rows match the filters, all pages together
 * @param next  the cursor of the next page, empty on the last one
 */
public record Page<T>(List<T> rows, long total, Optional<Cursor> next) {
    public Page {
        rows = List.copyOf(rows);
    }
}
