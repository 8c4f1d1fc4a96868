package fr.relais.hub.content;

import fr.relais.hub.db.Sql;
import fr.relais.hub.ingest.write.StoredEvents;
import fr.relais.protocol.Event;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosks' actions ({@link fr.relais.protocol.content.KioskActions}), carried out as their events
 * are stored: each event type goes to its registered {@link KioskActionHandler}, in the ingestion
 * writer's transaction, and the answer is stored with it in {@code kiosk_answers} (once per action
 * id: a redelivered action is not answered twice). The sites whose content changed are told to
 * {@link ContentChanges} only once the batch is committed, never for a batch rolled back.
 *
 * <p>A handler's mistake must not stop ingestion: a handler that throws (a bug, or garbage that made
 * the database refuse a value) is rolled back to just before it, and the action refused; only a
 * failing database (any other SQL error) rolls the whole batch back, so that it is tried again.
 */
public final class KioskActions implements StoredEvents {
    private static final Logger LOG = LoggerFactory.getLogger(KioskActions.class);
    /** The action's id chosen by the agent: a UUID. */
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
            + "-[0-9a-fA-F]{12}");
    static final String FAILED = "Votre demande n'a pas pu être traitée : adressez-vous au médiateur.";

    private final Map<String, KioskActionHandler> handlers = new ConcurrentHashMap<>();
    private final ContentChanges changes;
    /** Sites changed by the batch being written: touched on the ingestion thread only. */
    private final Set<String> changedSites = new LinkedHashSet<>();
    /** Who else must hear of a done action of a type once committed (a room booked: the doors' list). */
    private final Map<String, java.util.function.Consumer<String>> followers = new ConcurrentHashMap<>();
    /** Per batch: the sites where an action with a follower was done. */
    private final Map<String, Set<String>> followed = new java.util.HashMap<>();

    /** Told (site, action type) of every action carried out, once its batch is committed (the live channel). */
    private volatile java.util.function.BiConsumer<String, String> carriedOut = (site, type) -> { };
    /** Per batch: the (site, type) of the actions carried out; the ingestion thread only. */
    private final Set<Map.Entry<String, String>> done = new LinkedHashSet<>();

    public KioskActions(ContentChanges changes) {
        this.changes = changes;
    }

    /** Adds the handler of one action type; before ingestion starts. */
    public KioskActions register(KioskActionHandler handler) {
        KioskActionHandler before = handlers.putIfAbsent(handler.type(), handler);
        if (before != null) {
            throw new IllegalArgumentException("two handlers for kiosk action " + handler.type() + ": "
                    + before.getClass().getName() + " and " + handler.getClass().getName());
        }
        return this;
    }

    /**
     * Tells {@code follower} the site of every done action of {@code type}, after its commit: a
     * room booked at the kiosk changes what the room's door lets in, so the site's access list
     * is issued again. Before ingestion starts.
     */
    public KioskActions alsoAfter(String type, java.util.function.Consumer<String> follower) {
        followers.put(type, java.util.Objects.requireNonNull(follower, "follower"));
        return this;
    }

    /** Tells {@code listener} (site, type) of each action carried out, after its commit. Before ingestion starts. */
    public KioskActions onCarriedOut(java.util.function.BiConsumer<String, String> listener) {
        this.carriedOut = java.util.Objects.requireNonNull(listener, "listener");
        return this;
    }

    @Override
    public void stored(Connection writer, String site, String node, Event event, long receivedAt) throws SQLException {
        KioskActionHandler handler = handlers.get(event.type());
        if (handler == null) {
            return;
        }
        boolean ticket = event.type().equals(fr.relais.protocol.content.KioskActions.TICKET_TAKEN);
        String action = action(event.data().get("action"));
        if (!ticket && action == null) {
            // Nothing to answer it by: the kiosk sees it pending until the agent gives up.
            LOG.warn("kiosk action {} from {}/{} (message {}) refused: its action id is missing or not a UUID",
                    event.type(), site, node, event.envelope().msgId());
            return;
        }
        Optional<KioskActionHandler.ActionAnswer> answer = carryOut(handler, writer, site, node, event, receivedAt);
        if (!ticket) {
            KioskActionHandler.ActionAnswer given = answer.orElse(KioskActionHandler.ActionAnswer.refused(FAILED));
            Sql.update(writer, "INSERT INTO kiosk_answers (action_id, site_id, node_id, status, code, message,"
                    + " answered_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (action_id) DO NOTHING", action, site,
                    node, given.done() ? "done" : "refused", cut(given.code(), 20), cut(given.message(), 200),
                    receivedAt);
            if (given.done() && followers.containsKey(event.type())) {
                followed.computeIfAbsent(event.type(), type -> new LinkedHashSet<>()).add(site);
            }
        }
        changedSites.add(site);
        done.add(Map.entry(site, event.type()));
    }

    private Optional<KioskActionHandler.ActionAnswer> carryOut(KioskActionHandler handler, Connection writer,
                                                                String site, String node, Event event,
                                                                long receivedAt) throws SQLException {
        Savepoint before = writer.setSavepoint();
        try {
            Optional<KioskActionHandler.ActionAnswer> answer = handler.handle(writer, site, node, event, receivedAt);
            writer.releaseSavepoint(before);
            return answer == null ? Optional.empty() : answer;
        } catch (RuntimeException e) {
            writer.rollback(before);
            LOG.error("kiosk action {} from {}/{} (message {}) failed in its handler; refused", event.type(), site,
                    node, event.envelope().msgId(), e);
            return Optional.of(KioskActionHandler.ActionAnswer.refused(FAILED));
        } catch (SQLException e) {
            if (!refusedValue(e)) {
                throw e;
            }
            writer.rollback(before);
            LOG.error("kiosk action {} from {}/{} (message {}) refused by the database: {}", event.type(), site, node,
                    event.envelope().msgId(), e.getMessage());
            return Optional.of(KioskActionHandler.ActionAnswer.refused(FAILED));
        }
    }

    /** Data exceptions (22) and constraint violations (23): this action's values, not the database's health. */
    private static boolean refusedValue(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    @Override
    public void committed() {
        for (String site : changedSites) {
            try {
                changes.changed(site);
            } catch (RuntimeException e) {
                LOG.error("the content of site {} could not be told of a kiosk action", site, e);
            }
        }
        changedSites.clear();
        followed.forEach((type, sites) -> sites.forEach(site -> {
            try {
                followers.get(type).accept(site);
            } catch (RuntimeException e) {
                LOG.error("site {} could not be told of a committed kiosk action {}", site, type, e);
            }
        }));
        followed.clear();
        done.forEach(action -> {
            try {
                carriedOut.accept(action.getKey(), action.getValue());
            } catch (RuntimeException e) {
                LOG.error("site {} could not be told live of a kiosk action {}", action.getKey(), action.getValue(), e);
            }
        });
        done.clear();
    }

    @Override
    public void rolledBack() {
        changedSites.clear();
        done.clear();
        followed.clear();
    }

    private static String action(Object value) {
        return value instanceof String text && UUID.matcher(text).matches() ? text : null;
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
