package fr.relais.hub.registry;

import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.Database;
import fr.relais.hub.db.Page;
import fr.relais.hub.db.PageRequest;
import fr.relais.hub.db.PagedQuery;
import fr.relais.hub.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The registry as the API shows it. Calls are serialised on the readers' connection and run
 * off the event loop (they block on JDBC). Lists are read a page at a time, filtered in SQL
 * ({@link PagedQuery}); each page also says how many rows match in all.
 */
public final class RegistryReader {
    private static final String NODE_COLUMNS = "SELECT id, site_id, state, bd_seq, agent_version, config_version,"
            + " last_seen, seq_gaps, last_state_at, last_birth_at, metrics, seq_resets";
    private static final String DEAD_LETTER_COLUMNS = "SELECT id, received_at, topic, field, reason, payload_size,"
            + " payload_base64, occurrences, last_received_at";
    private static final String COMMAND_COLUMNS = "SELECT id, node_id, site_id, name, args, status, created_at,"
            + " sent_at, delivered_at, finished_at, deadline, reply_status, reason, result";

    private final Sql sql;
    /** Null when nodes are taken at their word (no silence timeout): tests of the writer alone. */
    private final NodeSilence silence;

    /** A reader that takes each node's state at its word, however long it has been silent. */
    public RegistryReader(Database database) {
        this.sql = new Sql(database.reader(), "the registry");
        this.silence = null;
    }

    /** A reader that shows nodes not heard from for longer than the silence timeout as silent. */
    public RegistryReader(Database database, NodeSilence silence) {
        this.sql = new Sql(database.reader(), "the registry");
        this.silence = java.util.Objects.requireNonNull(silence, "silence");
    }

    public List<Views.Site> sites() {
        return all(page -> sites(Filters.Sites.ALL, page));
    }

    public synchronized Page<Views.Site> sites(Filters.Sites filter, PageRequest page) throws BadCursorException {
        PagedQuery query = new PagedQuery("SELECT id, name, kind", "FROM sites", List.of(text("id")), false)
                .where("kind = ?", filter.kind())
                .where("id = ?", filter.id());
        return sql.page(query, page, row -> new Views.Site(row.getString(1), row.getString(2), row.getString(3)),
                site -> List.of(site.id()));
    }

    public List<Views.Node> nodes() {
        return all(page -> nodes(Filters.Nodes.ALL, page));
    }

    public synchronized Page<Views.Node> nodes(Filters.Nodes filter, PageRequest page) throws BadCursorException {
        PagedQuery query = new PagedQuery(NODE_COLUMNS, "FROM nodes", List.of(text("site_id"), text("id")), false)
                .where("site_id = ?", filter.site());
        if (filter.online() != null) {
            onlineCondition(query, filter.online());
        }
        return sql.page(query, page, this::node, node -> List.of(node.site(), node.id()));
    }

    /**
     * Online as the API shows it: the state says so and, with a silence timeout, the node was
     * heard from within it (a node never heard from is taken at its word, as in {@link #node}).
     */
    private void onlineCondition(PagedQuery query, boolean online) {
        if (silence == null) {
            query.where(online ? "state = ?" : "state <> ?", "online");
            return;
        }
        long heardSince = silence.clock().millis() - silence.timeout().toMillis();
        String heard = "(COALESCE(last_seen, -1) >= ? OR COALESCE(last_state_at, -1) >= ?"
                + " OR COALESCE(last_birth_at, -1) >= ?"
                + " OR (last_seen IS NULL AND last_state_at IS NULL AND last_birth_at IS NULL))";
        String condition = "(state = ? AND " + heard + ")";
        query.where(online ? condition : "NOT " + condition, "online", heardSince, heardSince, heardSince);
    }

    public synchronized Optional<Views.Node> node(String id) {
        return sql.one(NODE_COLUMNS + " FROM nodes WHERE id = ?", this::node, id);
    }

    public List<Views.Device> devices() {
        return all(page -> devices(Filters.Devices.ALL, page));
    }

    public synchronized Page<Views.Device> devices(Filters.Devices filter, PageRequest page)
            throws BadCursorException {
        PagedQuery query = new PagedQuery("SELECT d.id, d.node_id, n.site_id, d.kind, d.name, d.simulated, d.health,"
                + " d.metrics, d.last_seen", "FROM devices d JOIN nodes n ON n.id = d.node_id",
                List.of(text("n.site_id"), text("d.node_id"), text("d.id")), false)
                .where("n.site_id = ?", filter.site())
                .where("d.node_id = ?", filter.node())
                .where("d.kind = ?", filter.kind())
                .where("d.health = ?", filter.health());
        return sql.page(query, page, row -> new Views.Device(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4), row.getString(5), row.getBoolean(6), row.getString(7), row.getString(8),
                        Sql.nullableLong(row, 9)),
                device -> List.of(device.site(), device.node(), device.id()));
    }

    /** The most recent dead letters first. */
    public List<Views.DeadLetter> deadLetters(int limit) {
        return unchecked(() -> deadLetters(Filters.DeadLetters.ALL, PageRequest.first(limit)).rows());
    }

    /** The most recent first; a node is found in the topic, where a dead letter names it if at all. */
    public synchronized Page<Views.DeadLetter> deadLetters(Filters.DeadLetters filter, PageRequest page)
            throws BadCursorException {
        PagedQuery query = new PagedQuery(DEAD_LETTER_COLUMNS, "FROM dead_letters", List.of(number("received_at"), text("id")), true)
                .where("topic LIKE ? ESCAPE '\\'", filter.node() == null ? null
                        : "relais/v1/%/" + likeEscaped(filter.node()) + "/%")
                .where("LOWER(reason) LIKE ? ESCAPE '\\'", filter.reason() == null ? null
                        : "%" + likeEscaped(filter.reason().toLowerCase(Locale.ROOT)) + "%");
        return sql.page(query, page, RegistryReader::deadLetter, letter -> List.of(letter.receivedAt(), letter.id()));
    }

    /** One dead letter, payload included, or empty if there is none of that id (any more). */
    public synchronized Optional<Views.DeadLetter> deadLetter(String id) {
        return sql.one(DEAD_LETTER_COLUMNS + " FROM dead_letters WHERE id = ?", RegistryReader::deadLetter, id);
    }

    private static Views.DeadLetter deadLetter(ResultSet row) throws SQLException {
        return new Views.DeadLetter(row.getString(1), row.getLong(2), row.getString(3), row.getString(4),
                row.getString(5), row.getInt(6), row.getString(7), row.getLong(8), row.getLong(9));
    }

    public synchronized Optional<Views.Command> command(UUID id) {
        return sql.one(COMMAND_COLUMNS + " FROM commands WHERE id = ?", RegistryReader::command, id.toString());
    }

    /**
     * One page of a list another package owns but reads on the registry's connection (the alerts'
     * list, in package alert): serialised with the registry's own reads, and the registry need not
     * know what it reads.
     */
    public synchronized <T> Page<T> page(PagedQuery query, PageRequest page, Sql.RowMapper<T> mapper,
                                         Function<T, List<Object>> key) throws BadCursorException {
        return sql.page(query, page, mapper, key);
    }

    /** A node's most recent commands first. */
    public List<Views.Command> commands(String node, int limit) {
        return unchecked(() -> commands(new Filters.Commands(node, null, null), PageRequest.first(limit)).rows());
    }

    /** The most recent commands first. */
    public synchronized Page<Views.Command> commands(Filters.Commands filter, PageRequest page)
            throws BadCursorException {
        PagedQuery query = new PagedQuery(COMMAND_COLUMNS, "FROM commands",
                List.of(number("created_at"), text("id")), true)
                .where("node_id = ?", filter.node())
                .where("name = ?", filter.name())
                .where("status = ?", filter.status());
        return sql.page(query, page, RegistryReader::command, command -> List.of(command.createdAt(), command.id()));
    }

    private Views.Node node(ResultSet row) throws SQLException {
        Long lastSeen = Sql.nullableLong(row, 7);
        Long lastHeard = NodeSilence.latest(lastSeen, Sql.nullableLong(row, 9), Sql.nullableLong(row, 10));
        boolean silent = silence != null && "online".equals(row.getString(3)) && silence.silent(lastHeard);
        return new Views.Node(row.getString(1), row.getString(2), row.getString(3), Sql.nullableLong(row, 4),
                row.getString(5), row.getString(6), lastSeen, row.getLong(8), silent, row.getString(11), row.getLong(12));
    }

    private static Views.Command command(ResultSet row) throws SQLException {
        return new Views.Command(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getLong(7), Sql.nullableLong(row, 8), Sql.nullableLong(row, 9),
                Sql.nullableLong(row, 10), row.getLong(11), row.getString(12), row.getString(13), row.getString(14));
    }

    private interface PageQuery<T> {
        Page<T> read(PageRequest page) throws BadCursorException;
    }

    private interface Read<T> {
        T read() throws BadCursorException;
    }

    /** Every row, page after page, for the callers inside the hub that want the whole list. */
    private <T> List<T> all(PageQuery<T> pages) {
        return unchecked(() -> {
            List<T> rows = new ArrayList<>();
            Page<T> page = pages.read(PageRequest.first(PageRequest.MAX_LIMIT));
            rows.addAll(page.rows());
            while (page.next().isPresent()) {
                page = pages.read(new PageRequest(PageRequest.MAX_LIMIT, page.next()));
                rows.addAll(page.rows());
            }
            return rows;
        });
    }

    /** For reads that give no cursor: none can be bad. */
    private static <T> T unchecked(Read<T> read) {
        try {
            return read.read();
        } catch (BadCursorException e) {
            throw new IllegalStateException("a cursor made by the hub itself was refused", e);
        }
    }

    private static PagedQuery.Key text(String column) {
        return new PagedQuery.Key(column, String.class);
    }

    private static PagedQuery.Key number(String column) {
        return new PagedQuery.Key(column, Long.class);
    }

    /** A text matched literally inside a LIKE pattern whose escape character is a backslash. */
    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
