package fr.relais.hub.alert;

import fr.relais.hub.notify.Notice;
import fr.relais.hub.notify.NoticeText;
import io.vertx.core.json.JsonObject;

/**
 * Where an alert is handed to notify: notify has its own record of the alert ({@link Notice.Alert})
 * and knows nothing of this package, so the dependency goes one way, alert to notify.
 */
public final class AlertNotices {
    private AlertNotices() {
    }

    public static Notice notice(Notice.Kind kind, AlertRows.Alert alert) {
        return new Notice(kind, of(alert));
    }

    /** The alert as the API and the live channel show it: the same JSON as the webhooks'. */
    public static JsonObject json(AlertRows.Alert alert) {
        return NoticeText.alert(of(alert));
    }

    static Notice.Alert of(AlertRows.Alert a) {
        return new Notice.Alert(a.id(), a.conditionKey(), a.rule(), a.site(), a.node(), a.device(), a.deviceKind(),
                a.severity(), a.state(), a.flapping(), a.message(), a.since(), a.openedAt(), a.acknowledgedAt(),
                a.acknowledgedBy(), a.ackComment(), a.clearedAt(), a.clearedBy(), a.clearComment());
    }
}
