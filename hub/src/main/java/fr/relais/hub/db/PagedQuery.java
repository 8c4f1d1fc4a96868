package fr.relais.hub.db;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of one page of a list: filters, then keyset pagination on the list's sort key, which
 * must be unique (it ends with the row's id). Written for both SQLite and PostgreSQL: row
 * values ({@code (a, b) > (?, ?)}) work on both, and compare with the same collation as the
 * {@code ORDER BY}, so pages follow each other exactly.
 */
public final class PagedQuery {
    /** A column of the sort key and the Java type of its values (String or Long). */
    public record Key(String column, Class<?> type) {
    }

    private final String select;
    private final String from;
    private final List<Key> key;
    private final boolean descending;
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();

    /**
     * @param select the columns, {@code SELECT …}
     * @param from   {@code FROM …}, joins included
     */
    public PagedQuery(String select, String from, List<Key> key, boolean descending) {
        this.select = select;
        this.from = from;
        this.key = List.copyOf(key);
        this.descending = descending;
    }

    /** Adds a condition if its value is given; {@code condition} has one {@code ?}. */
    public PagedQuery where(String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            parameters.add(value);
        }
        return this;
    }

    /** A condition with several placeholders, always applied. */
    public PagedQuery where(String condition, Object first, Object... more) {
        conditions.add(condition);
        parameters.add(first);
        parameters.addAll(List.of(more));
        return this;
    }

    public String countSql() {
        return "SELECT COUNT(*) " + from + where(List.of());
    }

    public List<Object> countParameters() {
        return List.copyOf(parameters);
    }

    /** One row more than the limit: its presence says there is a next page. */
    public String pageSql(PageRequest page) {
        List<String> all = new ArrayList<>();
        page.after().ifPresent(after -> all.add("(" + columns() + ") " + (descending ? "<" : ">") + " ("
                + key.stream().map(k -> "?").collect(Collectors.joining(", ")) + ")"));
        String direction = descending ? " DESC" : "";
        return select + " " + from + where(all) + " ORDER BY "
                + key.stream().map(k -> k.column() + direction).collect(Collectors.joining(", "))
                + " LIMIT " + (page.limit() + 1);
    }

    public List<Object> pageParameters(PageRequest page) throws BadCursorException {
        List<Object> all = new ArrayList<>(parameters);
        if (page.after().isPresent()) {
            List<Object> after = page.after().get().key();
            if (after.size() != key.size()) {
                throw new BadCursorException("cursor is not one this list gave");
            }
            for (int i = 0; i < after.size(); i++) {
                if (!key.get(i).type().isInstance(after.get(i))) {
                    throw new BadCursorException("cursor is not one this list gave");
                }
            }
            all.addAll(after);
        }
        return all;
    }

    private String columns() {
        return key.stream().map(Key::column).collect(Collectors.joining(", "));
    }

    private String where(List<String> more) {
        List<String> all = new ArrayList<>(conditions);
        all.addAll(more);
        return all.isEmpty() ? "" : " WHERE " + String.join(" AND ", all);
    }
}
