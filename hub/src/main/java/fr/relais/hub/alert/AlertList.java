package fr.relais.hub.alert;

import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.Page;
import fr.relais.hub.db.PageRequest;
import fr.relais.hub.db.PagedQuery;
import fr.relais.hub.registry.Filters;
import fr.relais.hub.registry.RegistryReader;
import java.util.List;

/**
 * {@code GET /api/alerts}'s list: alert owns its columns and filters, and reads them on the
 * registry's reader connection (as the registry's own lists do), so that the registry need not
 * know the alerts.
 */
final class AlertList {
    private final RegistryReader registry;

    AlertList(RegistryReader registry) {
        this.registry = registry;
    }

    /** Alerts, the most recently opened first. */
    Page<AlertRows.Alert> page(Filters.Alerts filter, PageRequest page) throws BadCursorException {
        PagedQuery query = new PagedQuery(AlertStore.COLUMNS, "FROM alerts",
                List.of(new PagedQuery.Key("opened_at", Long.class), new PagedQuery.Key("id", String.class)), true)
                .where("site_id = ?", filter.site())
                .where("severity = ?", filter.severity())
                .where("node_id = ?", filter.node())
                .where("device_id = ?", filter.device())
                .where("opened_at >= ?", filter.from())
                .where("opened_at < ?", filter.to());
        if ("active".equals(filter.state())) {
            query.where("state <> ?", "cleared");
        } else {
            query.where("state = ?", filter.state());
        }
        return registry.page(query, page, AlertStore::alert, alert -> List.of(alert.openedAt(), alert.id()));
    }
}
